package selection.shop.api;

/** Selected by a package glob and method globs. */
public class OrderService {
  public int getOrder() {
    return 1;
  }

  public int placeOrder() {
    return 2;
  }

  public int cancelOrder() {
    return 3;
  }
}
