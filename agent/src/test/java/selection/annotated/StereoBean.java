package selection.annotated;

/** Its public methods are selected by {@code @selection.annotated.Stereo}. */
@Stereo
public class StereoBean {
  public int visible() {
    return hidden() + 1;
  }

  int hidden() {
    return 1;
  }
}
