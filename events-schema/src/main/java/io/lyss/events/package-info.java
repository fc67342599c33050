/**
 * The Lyss event catalogue: records for every event, their JSON schemas and the Kafka envelope. Only Jackson
 * may be used here, so that any consumer can depend on it without Spring or Axon.
 */
package io.lyss.events;
