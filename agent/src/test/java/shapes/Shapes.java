package shapes;

import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;
import java.io.IOException;
import java.util.function.IntSupplier;

/** Methods of every awkward shape the agent must measure correctly. */
public class Shapes {

  @Measured
  public static int staticMethod(int x) {
    return x * 2;
  }

  @Measured
  private int privateMethod() {
    return 3;
  }

  public int callPrivate() {
    return privateMethod();
  }

  @Measured
  public final int finalMethod() {
    return 4;
  }

  @Measured
  public synchronized int synchronizedMethod() {
    return 5;
  }

  @Measured
  public int recursive(int depth) {
    return depth <= 0 ? 0 : 1 + recursive(depth - 1);
  }

  @Measured
  public int throwsChecked(IOException toThrow) throws IOException {
    throw toThrow;
  }

  @Measured("checkout.place")
  public String named() {
    return "named";
  }

  @Counted
  public void counted() {}

  @Counted
  public void countedThrows() {
    throw new IllegalStateException("counted");
  }

  public int viaLambda() {
    IntSupplier s = () -> staticMethod(21);
    return s.getAsInt();
  }

  @Measured
  public long sleeps(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
