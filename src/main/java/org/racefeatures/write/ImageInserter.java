package org.racefeatures.write;

import java.sql.SQLException;
import java.sql.Statement;
import org.racefeatures.features.FeatureRows;
import org.sqlite.SQLiteConnection;

/**
 * Inserts a batch from its page image ({@link BatchImage}): the writer attaches the image as a
 * memory database ({@code sqlite3_deserialize}) and copies its table with one {@code INSERT ...
 * SELECT}. Into a table that holds only rows of this run, that copy is SQLite's transfer
 * optimisation (records copied whole, nothing decoded or bound), so the expensive encoding runs on
 * the workers. The image is UTF-8, so this serves UTF-8 targets only (SQLite attaches no database of
 * another encoding); {@link FeatureWriter} chooses {@link JdbcInserter} for the others.
 */
final class ImageInserter implements RowInserter {
  /** The schema each batch image is attached under. */
  static final String BATCH_SCHEMA = "batch";

  private final SQLiteConnection conn;

  /** Attaches the (empty) schema the images are deserialized into; call outside a transaction. */
  ImageInserter(SQLiteConnection conn) throws SQLException {
    this.conn = conn;
    try (Statement st = conn.createStatement()) {
      st.execute("ATTACH DATABASE ':memory:' AS " + BATCH_SCHEMA);
    }
  }

  @Override
  public String name() {
    return "page images";
  }

  @Override
  public byte[] encode(FeatureRows rows) {
    return rows.size() == 0 ? null : BatchImage.encode(rows);
  }

  @Override
  public void beforeTransaction(byte[] encoded) throws SQLException {
    if (encoded != null) {
      // Outside any transaction: SQLite refuses to replace a schema a transaction has read.
      conn.deserialize(BATCH_SCHEMA, encoded);
    }
  }

  /**
   * A plain {@code INSERT} of {@code SELECT *} from a table of the same layout is done by SQLite's
   * transfer optimisation; {@code OR REPLACE} would turn that off for a non-empty table, so it is
   * used only while old rows may still be there.
   */
  @Override
  public void insert(FeatureRows rows, byte[] encoded, boolean replace) throws SQLException {
    if (encoded == null) {
      return;
    }
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("INSERT " + (replace ? "OR REPLACE " : "") + "INTO main." + FeatureTable.NAME
          + " SELECT * FROM " + BATCH_SCHEMA + "." + FeatureTable.NAME);
    }
  }
}
