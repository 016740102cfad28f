package selection.repo;

/** Implements the named interface; its own extra method is not selected. */
public class JpaOwnerRepository implements OwnerRepository {
  @Override
  public String findByName(String name) {
    return "owner " + name;
  }

  @Override
  public int count() {
    return 7;
  }

  public int extra() {
    return 8;
  }
}
