package io.heatwatch.job.sensor;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link SensorInput}, found through its {@code @TypeInfo}: one value,
 * not usable as a key, written by {@link SensorInputSerializer}.
 */
public final class SensorInputTypeInfo extends TypeInformation<SensorInput> {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final SensorInputTypeInfo INSTANCE = new SensorInputTypeInfo();

  private SensorInputTypeInfo() {}

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<SensorInput> getTypeClass() {
    return SensorInput.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<SensorInput> createSerializer(SerializerConfig config) {
    return SensorInputSerializer.INSTANCE;
  }

  @Override
  @Deprecated
  public TypeSerializer<SensorInput> createSerializer(ExecutionConfig config) {
    return SensorInputSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "SensorInput";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SensorInputTypeInfo;
  }

  @Override
  public int hashCode() {
    return SensorInputTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof SensorInputTypeInfo;
  }

  /** What {@code @TypeInfo} on {@link SensorInput} names. */
  public static final class Factory extends TypeInfoFactory<SensorInput> {
    @Override
    public TypeInformation<SensorInput> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }
}
