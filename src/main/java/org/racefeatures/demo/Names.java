package org.racefeatures.demo;

import java.util.SplittableRandom;

/** Names for the demo world's courses, people and horses. */
final class Names {
  private Names() {}

  /** Courses: name, country, kind ({@code F} flat, {@code J} jumps, {@code FJ} both, {@code AW} all-weather flat). */
  static final String[][] COURSES = {
    {"Ascot", "GB", "FJ"}, {"Ayr", "GB", "FJ"}, {"Bath", "GB", "F"}, {"Beverley", "GB", "F"},
    {"Brighton", "GB", "F"}, {"Carlisle", "GB", "FJ"}, {"Catterick", "GB", "FJ"},
    {"Chelmsford City", "GB", "AW"}, {"Cheltenham", "GB", "J"}, {"Chepstow", "GB", "FJ"},
    {"Chester", "GB", "F"}, {"Doncaster", "GB", "FJ"}, {"Epsom", "GB", "F"}, {"Exeter", "GB", "J"},
    {"Fakenham", "GB", "J"}, {"Ffos Las", "GB", "FJ"}, {"Fontwell", "GB", "J"},
    {"Goodwood", "GB", "F"}, {"Hamilton", "GB", "F"}, {"Haydock", "GB", "FJ"},
    {"Hereford", "GB", "J"}, {"Hexham", "GB", "J"}, {"Huntingdon", "GB", "J"},
    {"Kempton", "GB", "AW"}, {"Leicester", "GB", "FJ"}, {"Lingfield", "GB", "AW"},
    {"Ludlow", "GB", "J"}, {"Market Rasen", "GB", "J"}, {"Musselburgh", "GB", "FJ"},
    {"Newbury", "GB", "FJ"}, {"Newcastle", "GB", "AW"}, {"Newmarket", "GB", "F"},
    {"Newton Abbot", "GB", "J"}, {"Nottingham", "GB", "F"}, {"Perth", "GB", "J"},
    {"Plumpton", "GB", "J"}, {"Pontefract", "GB", "F"}, {"Redcar", "GB", "F"},
    {"Ripon", "GB", "F"}, {"Salisbury", "GB", "F"}, {"Sandown", "GB", "FJ"},
    {"Southwell", "GB", "AW"}, {"Thirsk", "GB", "F"}, {"Wolverhampton", "GB", "AW"},
    {"York", "GB", "F"}, {"Ballinrobe", "IRE", "FJ"}, {"Bellewstown", "IRE", "FJ"},
    {"Clonmel", "IRE", "FJ"}, {"Cork", "IRE", "FJ"}, {"Curragh", "IRE", "F"},
    {"Dundalk", "IRE", "AW"}, {"Fairyhouse", "IRE", "FJ"}, {"Galway", "IRE", "FJ"},
    {"Gowran Park", "IRE", "FJ"}, {"Leopardstown", "IRE", "FJ"}, {"Limerick", "IRE", "FJ"},
    {"Listowel", "IRE", "FJ"}, {"Naas", "IRE", "FJ"}, {"Navan", "IRE", "FJ"},
    {"Punchestown", "IRE", "J"}, {"Tipperary", "IRE", "FJ"}, {"Tramore", "IRE", "J"}
  };

  private static final String[] FIRST = {
    "Tom", "Ryan", "Oisin", "Hollie", "Rachael", "Paul", "Sean", "Jamie", "William", "Harry",
    "Daniel", "Kieran", "Rob", "Jack", "Luke", "Ben", "Sam", "Aidan", "Colm", "Megan",
    "Joanna", "Gavin", "Shane", "Brian", "David", "Adam", "Callum", "Rossa", "Danny", "Alan"
  };
  private static final String[] LAST = {
    "Moore", "Murphy", "Doyle", "Buick", "Fallon", "Kingscote", "Hanagan", "Spencer", "Marquand",
    "Crowley", "Tudhope", "Walsh", "Blackmore", "Geraghty", "Cobden", "Skelton", "Fox", "Hobson",
    "Bowen", "Nicholls", "Henderson", "Elliott", "Mullins", "Gosden", "Haggas", "Appleby",
    "Johnston", "Hannon", "Balding", "Varian", "Fahey", "Dods", "Brennan", "Quinlan", "Coleman",
    "Kennedy", "Russell", "Power", "Dunne", "Keniry"
  };
  private static final String[] SYLLABLES = {
    "al", "bar", "cor", "dan", "el", "fin", "gal", "har", "is", "jon", "kal", "lor", "mar", "nor",
    "or", "per", "quin", "ros", "sil", "tor", "ul", "val", "win", "zan", "ber", "cas", "del",
    "fen", "gro", "lin", "mon", "ray", "sun", "tan", "vin"
  };

  static String person(SplittableRandom rng) {
    return FIRST[rng.nextInt(FIRST.length)] + " " + LAST[rng.nextInt(LAST.length)];
  }

  /** A pronounceable horse name; the id keeps names unique. */
  static String horse(SplittableRandom rng, int id) {
    StringBuilder b = new StringBuilder();
    int parts = 2 + rng.nextInt(2);
    for (int i = 0; i < parts; i++) {
      b.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b + " " + Integer.toString(id, 36).toUpperCase();
  }
}
