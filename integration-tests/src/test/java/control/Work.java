package control;

/** The methods a configuration selects, or not. */
public class Work {
  public int a(int x) {
    return x * 2 + 1;
  }

  public int b(int x) {
    return x * 3 + 2;
  }
}
