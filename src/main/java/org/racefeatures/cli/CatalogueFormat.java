package org.racefeatures.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;

/** The catalogue as text, Markdown ({@code docs/features.md}), JSON (Jackson) or CSV (commons-csv). */
enum CatalogueFormat {
  text, markdown, json, csv;

  String render() {
    return switch (this) {
      case text -> text();
      case markdown -> markdown();
      case json -> json();
      case csv -> csv();
    };
  }

  private static String heading() {
    return String.format("Feature catalogue, version %d: %d keys, %d features, %d labels", FeatureCatalogue.VERSION,
        FeatureCatalogue.KEYS.size(), FeatureCatalogue.features().size(), FeatureCatalogue.labels().size());
  }

  private static String text() {
    StringBuilder b = new StringBuilder(heading()).append('\n').append(FeatureCatalogue.GUARANTEE).append("\n\nTerms\n");
    for (FeatureCatalogue.Term t : FeatureCatalogue.TERMS) {
      b.append("  ").append(t.term()).append(": ").append(t.meaning()).append('\n');
    }
    String section = null;
    for (Feature f : FeatureCatalogue.tableColumns()) {
      if (!f.section().equals(section)) {
        section = f.section();
        b.append('\n').append(section).append('\n');
      }
      b.append(String.format("  %-28s %-5s %s%n  %-28s %-5s NULL: %s%s%n", f.name(), f.type().catalogueName(),
          f.definition(), "", "", f.nullRule(), f.knownAtOff() ? "; known at the off" : ""));
    }
    return b.toString();
  }

  private static String markdown() {
    StringBuilder b = new StringBuilder("# ").append(heading()).append("\n\n")
        .append("Generated from the code by `racefeatures features --format markdown`; a test fails when this"
            + " file is out of date.\n\n")
        .append(FeatureCatalogue.GUARANTEE).append("\n\n## Terms\n\n");
    for (FeatureCatalogue.Term t : FeatureCatalogue.TERMS) {
      b.append("- **").append(t.term()).append("**: ").append(t.meaning()).append('\n');
    }
    String section = null;
    for (Feature f : FeatureCatalogue.tableColumns()) {
      if (!f.section().equals(section)) {
        section = f.section();
        b.append("\n## ").append(section).append("\n\n| name | type | definition | NULL | known at the off |\n")
            .append("|---|---|---|---|---|\n");
      }
      b.append("| `").append(f.name()).append("` | ").append(f.type().catalogueName()).append(" | ")
          .append(cell(f.definition())).append(" | ").append(cell(f.nullRule())).append(" | ")
          .append(f.knownAtOff() ? "yes" : "").append(" |\n");
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", FeatureCatalogue.VERSION);
    doc.put("guarantee", FeatureCatalogue.GUARANTEE);
    doc.put("terms", FeatureCatalogue.TERMS);
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Feature f : FeatureCatalogue.tableColumns()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", f.name());
      c.put("type", f.type().catalogueName());
      c.put("section", f.section());
      c.put("definition", f.definition());
      c.put("null", f.nullRule());
      c.put("known_at_off", f.knownAtOff());
      columns.add(c);
    }
    doc.put("columns", columns);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String csv() {
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
        .setHeader("name", "type", "section", "definition", "null", "known_at_off").get())) {
      for (Feature f : FeatureCatalogue.tableColumns()) {
        p.printRecord(f.name(), f.type().catalogueName(), f.section(), f.definition(), f.nullRule(), f.knownAtOff());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
