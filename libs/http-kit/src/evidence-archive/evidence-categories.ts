import { Injectable } from '@nestjs/common';
import type { Role } from '../auth/roles';

/** How a context files the evidence its facts reference: which streams, under which name, for whom. */
export interface EvidenceCategory {
  /** The stream category whose events reference evidence, e.g. `operations.fault`. */
  streamCategory: string;
  /** The archive's name for it: `fault`, `booking`, `contract`… */
  category: string;
  /** Where the referencing entity is read, `{id}` standing for its id. */
  path: string;
  /** Who may browse this category of the archive (admin always may). */
  readers: Role[];
}

/** The categories every context hosted by this service declared (in its module's onModuleInit). */
@Injectable()
export class EvidenceCategories {
  private readonly declared = new Map<string, EvidenceCategory>();

  declare(categories: EvidenceCategory[]): void {
    for (const c of categories) {
      const clash = [...this.declared.values()].find((d) => d.category === c.category && d.streamCategory !== c.streamCategory);
      if (clash) throw new Error(`evidence category ${c.category} is declared for both ${clash.streamCategory} and ${c.streamCategory}`);
      this.declared.set(c.streamCategory, c);
    }
  }

  all(): EvidenceCategory[] {
    return [...this.declared.values()];
  }

  named(category: string): EvidenceCategory | undefined {
    return this.all().find((c) => c.category === category);
  }

  /** The categories a caller holding these roles may browse. */
  readableBy(roles: string[]): EvidenceCategory[] {
    if (roles.includes('admin')) return this.all();
    return this.all().filter((c) => c.readers.some((r) => roles.includes(r)));
  }
}
