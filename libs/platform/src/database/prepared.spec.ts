import { Column, DataSource, Entity, PrimaryColumn, SelectQueryBuilder } from 'typeorm';
import { builtStatement } from './prepared';

@Entity({ name: 'note' })
class Note {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') unitId!: string;
  @Column('int') rank!: number;
}

describe('builtStatement', () => {
  let dataSource: DataSource;
  let builds = 0;

  beforeAll(async () => {
    // Metadata only: statements are built, never run.
    dataSource = new DataSource({ type: 'postgres', entities: [Note] });
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  const notes = () => dataSource.createQueryBuilder(Note, 'r');
  const statement = (qb: SelectQueryBuilder<Note>, site = 'notes', extra = {}) =>
    builtStatement(
      dataSource,
      site,
      qb,
      (one) => `SELECT * FROM (${one.getQuery()}) n LIMIT :pageLimit`,
      { pageLimit: 20, ...extra },
    );

  it('keeps one text per shape, whatever its parameters are named, with each caller’s values', () => {
    const first = statement(
      notes().andWhere('r.unitId = :unit1', { unit1: 'a' }).andWhere('r.rank > :rank', { rank: 1 }),
    );
    const second = statement(
      notes().andWhere('r.unitId = :unit2', { unit2: 'b' }).andWhere('r.rank > :rank', { rank: 5 }),
      'notes',
      { pageLimit: 50 },
    );
    expect(second.text).toBe(first.text);
    expect(first.values).toEqual(['a', 1, 20]);
    expect(second.values).toEqual(['b', 5, 50]);
  });

  it('serves the kept text, which under test must be what the builder makes anew', () => {
    const qb = () => notes().andWhere('r.rank = :rank', { rank: 3 });
    // A builder that makes other SQL each time: the second use finds the first text kept.
    const drifting = () =>
      builtStatement(dataSource, 'drifting notes', qb(), (one) => {
        builds++;
        return `${one.getQuery()} /* ${builds} */`;
      });
    expect(drifting().text).toMatch(/\/\* 1 \*\/$/);
    expect(drifting).toThrow(
      'The statement kept for drifting notes is not the one its builder makes',
    );
  });

  it('makes another text for another shape: other conditions, another rule, another order', () => {
    const texts = [
      statement(notes().andWhere('r.unitId = :u', { u: 'a' })).text,
      statement(notes().andWhere('r.unitId <> :u', { u: 'a' })).text,
      statement(notes().andWhere('r.unitId = :u', { u: 'a' }).andWhere('1 = 0')).text,
      statement(notes().andWhere('r.unitId = :u', { u: 'a' }).orderBy('r.rank')).text,
    ];
    expect(new Set(texts).size).toBe(4);
    expect(texts[2]).toContain('1 = 0');
  });

  it('numbers spread parameters as TypeORM does, building them every time', () => {
    const two = statement(notes().andWhere('r.unitId IN (:...units)', { units: ['a', 'b'] }));
    const three = statement(
      notes().andWhere('r.unitId IN (:...units)', { units: ['a', 'b', 'c'] }),
    );
    expect(two.values).toEqual(['a', 'b', 20]);
    expect(three.values).toEqual(['a', 'b', 'c', 20]);
    expect(three.text).not.toBe(two.text);
  });
});
