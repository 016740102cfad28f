package shop;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory table of owners, standing in for a database repository. */
public final class OwnerRepository {

  private static final String[] CITIES = {"Madison", "Sun Prairie", "McFarland", "Windsor", "Monona"};
  private final ConcurrentHashMap<Integer, Owner> owners = new ConcurrentHashMap<>();

  OwnerRepository(int size) {
    for (int id = 1; id <= size; id++) {
      List<String> pets = new ArrayList<>();
      for (int p = 0; p < 1 + id % 3; p++) {
        pets.add("pet-" + id + "-" + p);
      }
      owners.put(id, new Owner(id, "Owner " + id, CITIES[id % CITIES.length], pets));
    }
  }

  @WithSpan
  public Owner findById(int id) {
    return owners.get(id);
  }
}
