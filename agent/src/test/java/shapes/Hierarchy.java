package shapes;

import io.perfagent.annotation.Measured;

/** An annotated abstract method (no body, never woven) and its annotated implementation. */
public final class Hierarchy {
  private Hierarchy() {}

  public abstract static class Base {
    @Measured
    public abstract int work();

    @Measured
    public int template() {
      return work() + 1;
    }
  }

  public static class Derived extends Base {
    @Measured
    @Override
    public int work() {
      return 1;
    }

    @Measured
    @Override
    public int template() {
      return super.template() * 10;
    }
  }

  public interface Handler<T> {
    T handle(T input);
  }

  /** javac adds a bridge handle(Object) and copies the annotation onto it. */
  public static class StringHandler implements Handler<String> {
    @Measured
    @Override
    public String handle(String input) {
      return input.toUpperCase();
    }
  }
}
