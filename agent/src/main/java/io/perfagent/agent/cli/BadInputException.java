package io.perfagent.agent.cli;

/** A replay input that cannot be read; the message names the file and line. */
final class BadInputException extends Exception {

  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }

  static BadInputException at(String file, long line, String what) {
    return new BadInputException(file + ":" + line + ": " + what);
  }
}
