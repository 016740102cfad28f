package shop.plugin;

import io.perfagent.annotation.Measured;
import java.util.function.IntSupplier;

public class Plugin implements IntSupplier {
  @Measured
  @Override
  public int getAsInt() {
    return 10;
  }
}
