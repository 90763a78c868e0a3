/**
 * The notifier: reads the job's notification intents, decides who hears each alarm and through
 * which channel, and delivers at least once with a durable delivery log.
 */
package io.heatwatch.notifier;
