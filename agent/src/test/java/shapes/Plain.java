package shapes;

/** No annotation at all: measured only when configuration names it. */
public class Plain {
  public int compute(int x) {
    return x + 1;
  }

  public int other() {
    return 0;
  }
}
