// 200 runs of bva answer killed at random moments, and 50 more as their write starts.
import { describeKills } from '../kills.js';

describeKills({ kills: Number(process.env['BVA_KILLS'] ?? 200), targeted: 50 });
