package selection.globrepo;

/** An interface only a glob names: its implementation is transformed before it loads. */
public interface ItemRepo {
  int count();
}
