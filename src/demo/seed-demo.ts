import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { createUnit, listUnits } from '../db/units';
import { createUser } from '../db/users';
import type { PasswordHashing } from '../http/passwords';
import { createPasswords } from '../http/passwords';
import { createCampaign } from '../workflow/campaigns/create-campaign';
import { sendEvent } from '../workflow/engine/send-event';
import type { Actor, EngineDeps } from '../workflow/types';
import { seedDemoDeadlines } from './demo-deadlines';
import { applyDemoPolicy } from './demo-policy';
import { seedDemoRegister } from './demo-register';
import { foldVietnamese } from '../domain/text';

/**
 * A demo department modelled on a provincial Department of Labour, Invalids and Social Affairs: its
 * office, rooms and attached units, a campaign for the current year, one user per role, and for the
 * first room a people register, an approved registration and a draft dossier (demo-register.ts).
 * Created only when the database has no unit at all. Returns the logins to print, or null when nothing was created.
 */
export const demoPassword = 'demo-accolade-2026';

export async function seedDemo(
  db: Db,
  engine: EngineDeps,
  opts: { logger: Logger; passwordHashing?: PasswordHashing; year: number; dataDir: string },
): Promise<Array<{ username: string; role: string; unit: string }> | null> {
  if ((await listUnits(db)).length > 0) return null;
  await applyDemoPolicy(db, engine);
  const today = `${opts.year}-01-01`;
  const dep = await createUnit(db, {
    code: 'SLĐTBXH',
    name: 'Sở Lao động – Thương binh và Xã hội',
    parentId: null,
    email: null,
    validFrom: today,
  });
  const unit = (code: string, name: string, email: string) =>
    createUnit(db, { code, name, parentId: dep.id, email, validFrom: today });
  const office = await unit('VP', 'Văn phòng Sở', 'vanphong@sldtbxh.demo');
  const units = [
    await unit('PLĐVL', 'Phòng Lao động – Việc làm', 'ldvl@sldtbxh.demo'),
    await unit('PNCC', 'Phòng Người có công', 'ncc@sldtbxh.demo'),
    await unit('PBTXH', 'Phòng Bảo trợ xã hội', 'btxh@sldtbxh.demo'),
    await unit('PGDNN', 'Phòng Giáo dục nghề nghiệp', 'gdnn@sldtbxh.demo'),
    await unit('TTDVVL', 'Trung tâm Dịch vụ việc làm', 'ttdvvl@sldtbxh.demo'),
    await unit('CSBTXH', 'Cơ sở Bảo trợ xã hội tổng hợp', 'csbtxh@sldtbxh.demo'),
    await unit('TTĐD', 'Trung tâm Điều dưỡng người có công', 'ttdd@sldtbxh.demo'),
  ];
  const passwords = createPasswords(opts.passwordHashing);
  const hash = await passwords.hash(demoPassword);
  const logins: Array<{ username: string; role: string; unit: string }> = [];
  const mk = async (
    username: string,
    fullName: string,
    roles: Actor['roles'],
    unitId: number,
    unitName: string,
  ) => {
    const u = await createUser(db, {
      username,
      passwordHash: hash,
      fullName,
      email: `${username}@sldtbxh.demo`,
      unitId,
      roles,
    });
    logins.push({ username, role: roles.join('+'), unit: unitName });
    return { userId: u.id, name: fullName, roles, unitId } satisfies Actor;
  };
  await mk('admin', 'Quản trị hệ thống', ['admin'], dep.id, dep.name);
  const officer = await mk('vanphong', 'Nguyễn Thị Thu (Văn phòng)', ['office'], office.id, office.name);
  await mk('giamdoc', 'Trần Văn Minh (Giám đốc)', ['director'], dep.id, dep.name);
  await mk('phogiamdoc', 'Lê Thị Hoa (Phó Giám đốc)', ['director', 'council'], dep.id, dep.name);
  await mk('hoidong', 'Phạm Văn Hùng (Hội đồng TĐKT)', ['council'], office.id, office.name);
  const clerks: Actor[] = [];
  for (const u of units.slice(0, 4))
    clerks.push(
      await mk(`vanthu.${foldVietnamese(u.code).toLowerCase()}`, `Văn thư ${u.name}`, ['unit'], u.id, u.name),
    );
  const campaign = await createCampaign(engine, officer, {
    title: `Phong trào thi đua thường xuyên năm ${opts.year}`,
    kind: 'annual',
    year: opts.year,
    nominationDeadline: `${opts.year}-12-15`,
  });
  await sendEvent(engine, officer, { recordType: 'campaign', id: campaign.id, event: { type: 'OPEN' } });
  const register = await seedDemoRegister(db, engine, {
    year: opts.year,
    unitId: units[0]!.id,
    unitName: units[0]!.name,
    clerk: clerks[0]!,
    office: officer,
    campaignId: campaign.id,
  });
  const deadlines = await seedDemoDeadlines(engine, {
    year: opts.year,
    campaignId: campaign.id,
    dataDir: opts.dataDir,
    office: officer,
    unreceived: { clerk: clerks[1]!, unitName: units[1]!.name, nominee: 'Đỗ Thị Mai' },
    returned: { clerk: clerks[2]!, unitName: units[2]!.name, nominee: 'Ngô Văn Tùng' },
  });
  opts.logger.info(
    {
      units: units.length + 2,
      users: logins.length,
      campaignId: campaign.id,
      persons: register.personIds.length,
      dossierId: register.dossierId,
      ...deadlines,
    },
    'demo organisation created',
  );
  return logins;
}
