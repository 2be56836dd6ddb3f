import { describe, expect, it } from "vitest";
import { bindArgs, isProcedureCall, parseExec, procedureByName } from "../../src/sql/write/index.js";

const err = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

describe("EXEC / CALL parsing", () => {
  it("reads named and positional arguments, every value kind, 64-bit exact", () => {
    expect(parseExec("EXEC MoveCard(Id => 9007199254740993, ColumnId => 12, Position => 2)")).toEqual({
      name: "MoveCard",
      args: [{ name: "Id", value: 9007199254740993n }, { name: "ColumnId", value: 12 }, { name: "Position", value: 2 }],
    });
    expect(parseExec("call x('it''s', NULL, true, FALSE, -1.5);").args.map((a) => a.value)).toEqual(["it's", null, true, false, -1.5]);
    expect(parseExec("EXECUTE dbo.CompleteToDo @Id = 5").args).toEqual([{ name: "Id", value: 5 }]);
    expect(parseExec("  -- note\n CALL CompleteToDo()").args).toEqual([]);
    expect(parseExec("EXEC A(Id = ?, B := ?)", [7, "x"]).args.map((a) => a.value)).toEqual([7, "x"]);
    expect(parseExec("EXEC A(Id => @id)", { id: 3n }).args[0].value).toBe(3n);
    expect(isProcedureCall("exec Foo(1)")).toBe(true);
    expect(isProcedureCall("/* c */ CALL Foo")).toBe(true);
    expect(isProcedureCall("SELECT * FROM ToDos")).toBe(false);
    expect(isProcedureCall("EXECUTED_AT")).toBe(false);
  });

  it("explains syntax errors, unknown procedures and bad arguments", () => {
    expect(err(() => parseExec("EXEC CompleteToDo(Id => 'abc)"))).toMatch(/Unterminated string/);
    expect(err(() => parseExec("EXEC CompleteToDo(Id => 1"))).toMatch(/Expected , or \) .*EXEC CompleteToDo\(Id => 123\)/);
    expect(err(() => parseExec("EXEC CompleteToDo(Id => 1) extra"))).toMatch(/Unexpected text after the call/);
    expect(err(() => parseExec("EXEC CompleteToDo(Id => 1, 2)"))).toMatch(/positional argument can't follow a named one/);
    expect(err(() => parseExec("EXEC CompleteToDo(Id => ?)"))).toMatch(/needs an array of parameters/);
    expect(err(() => procedureByName("CompletTodo"))).toMatch(/Unknown procedure CompletTodo\. Did you mean CompleteToDo/);
    const move = procedureByName("movecard");
    expect(err(() => bindArgs(move, [{ name: "Id", value: 1 }]))).toMatch(/MoveCard needs ColumnId\. Signature: MoveCard\(Id, ColumnId, Position\?\)/);
    expect(err(() => bindArgs(move, [{ name: "Id", value: 1 }, { name: "ColumnId", value: 2 }, { name: "Colour", value: "red" }]))).toMatch(/MoveCard has no parameter Colour/);
    expect(err(() => bindArgs(move, [{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }]))).toMatch(/has no parameter argument 4/);
    expect(err(() => bindArgs(move, [{ name: "Id", value: "x" }, { name: "ColumnId", value: 2 }]))).toMatch(/MoveCard: Id must be a whole number/);
    expect(bindArgs(move, [{ value: "12" }, { name: "columnid", value: 3 }])).toEqual({ Id: 12, ColumnId: 3 });
  });
});
