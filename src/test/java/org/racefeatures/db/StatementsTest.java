package org.racefeatures.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a script into statements as SQLite's tokenizer does. */
class StatementsTest {
  @Test
  void semicolonsInsideQuotesAndCommentsDoNotEndAStatement() {
    String script = """
        -- a comment; with a semicolon
        CREATE TEMP VIEW "a;b" AS SELECT 'x;y' AS [c;d], 'it''s; fine' AS `e;f`; /* block; comment */
        SELECT '--not a comment' ;
        ;  -- an empty statement
        SELECT 2""";
    assertEquals(List.of("CREATE TEMP VIEW \"a;b\" AS SELECT 'x;y' AS [c;d], 'it''s; fine' AS `e;f`",
        "SELECT '--not a comment'", "SELECT 2"), Sqlite.statements(script));
  }

  @Test
  void anUnclosedQuoteOrCommentIsAnErrorThatShowsWhere() {
    InputException e = assertThrows(InputException.class, () -> Sqlite.statements("SELECT 'abc; SELECT 2"));
    assertTrue(e.getMessage().contains("quote ' is not closed, from 'abc; SELECT 2"), e.getMessage());
    assertThrows(InputException.class, () -> Sqlite.statements("SELECT 1 /* open"));
  }
}
