/**
 * Mem0-style long-term memory per user: consumes completed turns from Kafka, extracts and reconciles facts,
 * records them as memory events and indexes them in Elasticsearch. Not built yet: see issue 5. The module exists
 * so that the build, the launcher and the architecture rules already account for it.
 */
package io.lyss.memory;
