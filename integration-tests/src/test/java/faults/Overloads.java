package faults;

import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;

/**
 * Overloads of one name with different annotations: {@code @Measured} declared before
 * {@code @Counted}, and in the second class the other way round. Each overload is called 1 000
 * times; all 2 000 calls of a name must be counted.
 */
public final class Overloads {

  private Overloads() {}

  @Measured
  static int price(int id) {
    return id * 2;
  }

  @Counted
  static int price(String id) {
    return id.length();
  }

  /** The same pair, counted one first. */
  static final class CountedFirst {
    private CountedFirst() {}

    @Counted
    static int ship(String id) {
      return id.length();
    }

    @Measured
    static int ship(int id) {
      return id + 1;
    }
  }

  public static void main(String[] args) {
    long sum = 0;
    for (int i = 0; i < 1000; i++) {
      sum += price(i) + price("o" + i) + CountedFirst.ship(i) + CountedFirst.ship("s" + i);
    }
    System.out.println("RESULT sum=" + sum);
  }
}
