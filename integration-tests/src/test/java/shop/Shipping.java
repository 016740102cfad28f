package shop;

/** No annotation: measured only through perf.instrument.methods. */
public class Shipping {
  public String ship(String parcel) {
    return "shipped-" + parcel;
  }
}
