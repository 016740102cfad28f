package shop;

import io.opentelemetry.instrumentation.annotations.WithSpan;

/** Business rules over the repository: looks an owner up and counts their visits. */
public final class OwnerService {

  private final OwnerRepository repository;

  OwnerService(OwnerRepository repository) {
    this.repository = repository;
  }

  @WithSpan
  public Owner find(int id) {
    Owner owner = repository.findById(id);
    if (owner == null) {
      throw new IllegalArgumentException("no owner " + id);
    }
    return owner;
  }

  int visits(Owner owner) {
    int visits = 0;
    for (String pet : owner.pets) {
      visits += pet.length() % 3;
    }
    return visits;
  }
}
