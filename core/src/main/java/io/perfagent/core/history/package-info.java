/**
 * The history file format ({@code perfwatch.jsonl}: one JSON object per analysis cycle) and its
 * tolerant reader. Streams only: the agent owns the files. May use {@code core.analyze}, {@code
 * core.json} and the JDK.
 */
package io.perfagent.core.history;
