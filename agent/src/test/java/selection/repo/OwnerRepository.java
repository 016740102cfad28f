package selection.repo;

/** Named by a pattern: only abstract methods, measured in implementations and proxies. */
public interface OwnerRepository extends BaseRepository {
  String findByName(String name);
}
