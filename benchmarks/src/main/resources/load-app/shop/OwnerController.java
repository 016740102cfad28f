package shop;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.List;

/** Renders an owner and their pets as JSON, as a web controller would. */
public final class OwnerController {

  private final OwnerService service;

  OwnerController(OwnerService service) {
    this.service = service;
  }

  @WithSpan
  public String show(int id) {
    Owner owner = service.find(id);
    StringBuilder json = new StringBuilder(256);
    json.append("{\"id\":").append(owner.id).append(",\"name\":\"").append(owner.name);
    json.append("\",\"city\":\"").append(owner.city).append("\",\"visits\":").append(service.visits(owner));
    json.append(",\"pets\":[");
    List<String> pets = owner.pets;
    for (int i = 0; i < pets.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(pets.get(i)).append('"');
    }
    return json.append("]}").toString();
  }
}
