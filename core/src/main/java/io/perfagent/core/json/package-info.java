/**
 * A small JSON writer and reader for the agent's own files and responses, so that the agent jar
 * needs no JSON library. May use the JDK only.
 */
package io.perfagent.core.json;
