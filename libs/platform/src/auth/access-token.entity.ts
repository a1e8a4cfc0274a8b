import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A bearer token, stored as its SHA-256 only. Tokens live in PostgreSQL so every replica agrees at
 * once that one was revoked (logout, deactivation, password reset).
 */
@Entity('access_token')
@Index('ix_access_token_user', ['userId'])
export class AccessTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_access_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
