package selection.globrepo;

/** Loaded first; its interface loads while it is being defined. */
public class ItemRepoImpl implements ItemRepo {
  @Override
  public int count() {
    return 11;
  }
}
