/**
 * Mem0-style long-term memory per end user: extracts facts from completed turns, records every change as a
 * memory event on the command side (the log is the system of record), projects those events into an
 * Elasticsearch kNN index and serves a Mem0-compatible API and the orchestrator's recall. See docs/memory.md.
 */
package io.lyss.memory;
