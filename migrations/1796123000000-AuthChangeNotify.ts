import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to accounts or tokens (a sign-out, a revocation, a password, role, binding or
 * deactivation, a restore's TRUNCATE) notifies `auth_changed` when its transaction commits,
 * whichever process made it (a replica, the CLI). Each API process keeps the tokens it has
 * checked for a short while and forgets them all on this notice, so it need not ask PostgreSQL
 * on every request and still refuses a revoked token at once. Inserts (a sign-in) change nothing
 * anyone kept.
 */
export class AuthChangeNotify1796123000000 implements MigrationInterface {
  name = 'AuthChangeNotify1796123000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "public"."notify_auth_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['access_token', 'app_user']) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_auth_changed" AFTER UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION "public"."notify_auth_changed"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_app_user_auth_changed" ON "app_user"`);
    await queryRunner.query(`DROP TRIGGER "tr_access_token_auth_changed" ON "access_token"`);
    await queryRunner.query(`DROP FUNCTION "public"."notify_auth_changed"()`);
  }
}
