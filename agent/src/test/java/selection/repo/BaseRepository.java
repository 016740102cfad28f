package selection.repo;

/** Inherited abstract method of the named interface. */
public interface BaseRepository {
  int count();
}
