import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';
import { AdminUnitEntity } from '@app/registry';

/**
 * Legal forms of the Law on Enterprises 2020 and the Law on Cooperatives: `llc` công ty trách
 * nhiệm hữu hạn (TNHH, one or more members), `joint_stock` công ty cổ phần, `private` doanh
 * nghiệp tư nhân, `partnership` công ty hợp danh, `cooperative` hợp tác xã (or its union),
 * `other` anything else (e.g. a public S&T organisation's enterprise).
 */
export const LEGAL_FORMS = [
  'llc',
  'joint_stock',
  'private',
  'partnership',
  'cooperative',
  'other',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/**
 * An enterprise of a district: what the Department and the district know of it. Its tax code, when
 * known, is unique among live enterprises (a branch has its own, NNNNNNNNNN-NNN). It lies in its
 * admin unit (a district or a ward/commune), which decides which district officers reach it.
 */
@Entity('enterprise')
@Index('uq_enterprise_tax_code', ['taxCode'], {
  unique: true,
  where: 'deleted_at IS NULL AND tax_code IS NOT NULL',
})
@Index('ix_enterprise_admin_unit', ['adminUnitId'])
@Index('ix_enterprise_name', ['name'])
@Index('ix_enterprise_search', { synchronize: false })
// The list's default order over live records (migration ListIndexes).
@Index('ix_enterprise_live_name', { synchronize: false })
@Check('ck_enterprise_legal_form', sqlIn('legal_form', LEGAL_FORMS))
@Check('ck_enterprise_tax_code', `tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'`)
export class EnterpriseEntity extends TrackedEntity {
  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `f_search_key(name || ' ' || coalesce(tax_code, ''))`,
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  /** Mã số thuế: 10 digits, or NNNNNNNNNN-NNN for a branch; null when not known yet. */
  @Column({ type: 'text', nullable: true })
  taxCode: string | null;

  @Column({ type: 'text' })
  legalForm: LegalForm;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  /** The district or ward/commune of its head office, as registered (a 2023 record keeps its unit). */
  @Column({ type: 'uuid' })
  adminUnitId: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_id' })
  adminUnit?: AdminUnitEntity;

  /** What it does, in words (e.g. "Dược liệu, thực phẩm chức năng"). */
  @Column({ type: 'text', nullable: true })
  sector: string | null;

  /** The person to contact there. */
  @Column({ type: 'text', nullable: true, collation: VIETNAMESE })
  contactName: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;
}
