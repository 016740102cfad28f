package shop;

import java.util.List;

/** One owner row. */
public final class Owner {
  final int id;
  final String name;
  final String city;
  final List<String> pets;

  Owner(int id, String name, String city, List<String> pets) {
    this.id = id;
    this.name = name;
    this.city = city;
    this.pets = List.copyOf(pets);
  }
}
