/** Formatting of values for people (reports, log lines, the CLI). May use the JDK only. */
package io.perfagent.core.format;
