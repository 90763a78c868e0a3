package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs code that must break the contract and hands back the rejection. */
final class Rejection {
  private Rejection() {}

  static InvalidPayloadException of(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidPayloadException.class);
    return (InvalidPayloadException) thrown;
  }
}
