package selection.reload;

/** Selection changes at run time between its two methods. */
public class Beta {
  public int a() {
    return 1;
  }

  public int b() {
    return 2;
  }
}
