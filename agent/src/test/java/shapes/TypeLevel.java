package shapes;

import io.perfagent.annotation.Measured;

@Measured
public class TypeLevel {
  public int first() {
    return hidden() + 1;
  }

  public static int second() {
    return 2;
  }

  private int hidden() {
    return 0;
  }
}
