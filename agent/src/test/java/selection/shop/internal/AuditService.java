package selection.shop.internal;

/** Matches the include glob, but its package is excluded. */
public class AuditService {
  public int getEntry() {
    return 4;
  }
}
