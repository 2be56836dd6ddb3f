// What a user's statement may touch on a PostgreSQL replica, enforced by the server: the
// statement runs as a role of its own (`<schema>_user`, NOLOGIN), set with SET LOCAL ROLE in
// the statement's transaction (READ ONLY too for a query). That role may
//   - SELECT every view of the schema and every sys_* table (sys_outbox included: read only);
//   - INSERT, UPDATE and DELETE the writable views, whose INSTEAD OF triggers (SECURITY DEFINER,
//     owned by the schema's owner) queue the write in sys_outbox;
//   - nothing else: no privilege on the bc_* tables (the views read them with their owner's
//     rights), no CREATE on the schema, no EXECUTE on its functions; DROP / ALTER need ownership.
// Idempotent: privileges are granted or revoked only where they differ from that, so running it
// again changes nothing. Run it last (after pgSchemaSql, pgSystemTablesSql and pgCaptureSql): it
// covers the relations that exist when it runs.
import { dollarQuote, pgLit, pgSchemaIdent, pgSchemaTransactionStart } from "./ddl.js";

/** The role user statements run as: `<schema>_user`. */
export function pgUserRole(schema: string): string {
  return `${schema}_user`;
}

const roleIdent = (schema: string) => pgSchemaIdent(pgUserRole(schema));

/**
 * The statements that open a user statement's transaction: BEGIN (READ ONLY for a query), the
 * confined role and the schema as search_path, all LOCAL (gone at COMMIT / ROLLBACK).
 */
export function pgConfineSql(schema: string, opts: { readOnly: boolean }): string[] {
  return [opts.readOnly ? "BEGIN READ ONLY" : "BEGIN", `SET LOCAL ROLE ${roleIdent(schema)}`, `SET LOCAL search_path = ${pgSchemaIdent(schema)}`];
}

/** Create (or bring up to date) the confined role of `schema` and its privileges (BEGIN … COMMIT). */
export function pgGateSql(schema: string, writableViews: readonly string[]): string[] {
  const role = pgLit(pgUserRole(schema));
  const nsp = pgLit(schema);
  const writable = `ARRAY[${writableViews.map((v) => pgLit(v.toLowerCase())).join(", ")}]::text[]`;
  const body = `
DECLARE
  r record;
  p text;
  want boolean;
  role text := ${role};
  nsp oid := to_regnamespace(${pgLit(pgSchemaIdent(schema))});
BEGIN
  IF nsp IS NULL THEN
    RAISE EXCEPTION 'Schema % does not exist: create the replica schema first.', ${nsp};
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = role) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', role);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of the cluster made it meanwhile (roles are cluster-wide)
    END;
  END IF;
  -- Who runs this (the schema's owner) must be able to SET ROLE to it. From PostgreSQL 16 on, the
  -- role's creator is a member with ADMIN but (by default) without SET, which is granted apart.
  IF current_setting('server_version_num')::int >= 160000 THEN
    IF NOT pg_has_role(current_user, role, 'SET') THEN
      EXECUTE format('GRANT %I TO %I WITH SET TRUE', role, current_user);
    END IF;
  ELSIF NOT pg_has_role(current_user, role, 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', role, current_user);
  END IF;
  IF NOT has_schema_privilege(role, nsp, 'USAGE') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', ${nsp}, role);
  END IF;
  IF has_schema_privilege(role, nsp, 'CREATE') THEN
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC, %I', ${nsp}, role);
  END IF;
  FOR r IN SELECT c.oid, c.relname, c.relkind FROM pg_catalog.pg_class c WHERE c.relnamespace = nsp AND c.relkind IN ('r', 'v', 'm', 'p', 'f') LOOP
    FOREACH p IN ARRAY ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] LOOP
      want := (p = 'SELECT' AND (r.relkind = 'v' OR r.relname LIKE 'sys\\_%'))
        OR (p IN ('INSERT', 'UPDATE', 'DELETE') AND r.relkind = 'v' AND r.relname = ANY (${writable}));
      IF want AND NOT has_table_privilege(role, r.oid, p) THEN
        EXECUTE format('GRANT %s ON %s TO %I', p, r.oid::regclass, role);
      ELSIF NOT want AND has_table_privilege(role, r.oid, p) THEN
        EXECUTE format('REVOKE %s ON %s FROM PUBLIC, %I', p, r.oid::regclass, role);
      END IF;
    END LOOP;
  END LOOP;
  -- Its functions (the triggers') are not for calling: a trigger fires whoever writes.
  FOR r IN SELECT f.oid FROM pg_catalog.pg_proc f WHERE f.pronamespace = nsp AND has_function_privilege(role, f.oid, 'EXECUTE') LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC, %I', r.oid::regprocedure, role);
  END LOOP;
END
`;
  return [...pgSchemaTransactionStart(schema), `DO ${dollarQuote(body, "gate")}`, "COMMIT"];
}
