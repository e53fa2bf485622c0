// edge_devices.xml: one <datacenter> per access point with its <location> and hosts of VMs, as
// SimSettings.parseEdgeDevicesXML requires them. mecbench uses the WLAN id, the attractiveness and
// the VMs; costs, coordinates and host capacities are checked (EdgeCloudSim needs them, and a host
// too small for its VMs makes EdgeCloudSim abort) but not used.
import { Diagnostics, readAttributes, readChildren, readLeafNumber, Where, type NumberRule } from "./diagnostics.ts";
import { parseXmlFile } from "./read-xml.ts";
import type { XmlElement } from "./xml.ts";

export interface EdgeCloudSimVm {
  readonly cores: number;
  readonly mips: number;
  readonly ramMb: number;
  readonly storageMb: number;
}

export interface EdgeCloudSimDatacenter {
  readonly index: number;
  readonly where: Where;
  readonly line: number;
  readonly wlanId: number;
  readonly attractiveness: number;
  readonly vms: readonly EdgeCloudSimVm[];
}

const cost: NumberRule = { min: 0 };
const MACHINE = {
  core: { integer: true, min: 0, exclusiveMin: true, unit: "cores" },
  mips: { min: 0, exclusiveMin: true, unit: "MIPS per core" },
  ram: { min: 0, unit: "MB" },
  storage: { min: 0, unit: "MB" },
} as const satisfies Record<string, NumberRule>;
type MachineField = keyof typeof MACHINE;

/** The datacenters in file order (DC index = position), or undefined when the file cannot be read. */
export function readEdgeDevices(d: Diagnostics, file: string, text: string): EdgeCloudSimDatacenter[] | undefined {
  const root = parseXmlFile(d, file, text, "edge_devices", "--edge-devices");
  if (!root) return undefined;
  const top = new Where(file);
  readAttributes(d, root, top, []);
  const elements = readChildren(d, root, top, [{ name: "datacenter", required: true, multiple: true }]).get("datacenter") ?? [];
  const dcs: EdgeCloudSimDatacenter[] = [];
  elements.forEach((el, index) => {
    const dc = readDatacenter(d, el, top.child(`<datacenter #${index}>`), index);
    if (dc) dcs.push(dc);
  });
  if (dcs.length !== elements.length) return dcs;
  // EdgeCloudSim sizes its per-access-point arrays by the number of datacenters and indexes them
  // by wlan_id, so ids must be 0..#DC-1, each used once.
  const byId = new Map<number, EdgeCloudSimDatacenter>();
  for (const dc of dcs) {
    const path = dc.where.child("<location>/<wlan_id>").at(dc.line);
    const other = byId.get(dc.wlanId);
    if (other) {
      d.error({ path, value: dc.wlanId, message: `wlan_id ${dc.wlanId} is also used by datacenter #${other.index} (line ${other.line})`, fix: "give every datacenter its own wlan_id (one access point per datacenter)" });
    } else if (dc.wlanId >= dcs.length) {
      d.error({ path, value: dc.wlanId, message: `wlan_id must be below the number of datacenters (${dcs.length}); EdgeCloudSim indexes its per-access-point arrays with it`, fix: `number the access points 0..${dcs.length - 1}` });
    }
    byId.set(dc.wlanId, dc);
  }
  if (dcs.length < 2) {
    d.error({ path: top.at(root.line), value: dcs.length, message: "nomadic mobility needs at least two datacenters to move between", fix: "add a second <datacenter>" });
  }
  return dcs;
}

function readDatacenter(d: Diagnostics, el: XmlElement, where: Where, index: number): EdgeCloudSimDatacenter | undefined {
  readAttributes(d, el, where, [{ name: "arch", required: true }, { name: "os", required: true }, { name: "vmm", required: true }]);
  const c = readChildren(d, el, where, [
    { name: "costPerBw", required: true },
    { name: "costPerSec", required: true },
    { name: "costPerMem", required: true },
    { name: "costPerStorage", required: true },
    { name: "location", required: true },
    { name: "hosts", required: true },
  ]);
  for (const name of ["costPerBw", "costPerSec", "costPerMem", "costPerStorage"]) {
    const child = c.get(name)?.[0];
    if (child) readLeafNumber(d, child, where.child(`<${name}>`), cost);
  }
  let wlanId: number | undefined, attractiveness: number | undefined;
  const location = c.get("location")?.[0];
  if (location) {
    const at = where.child("<location>");
    readAttributes(d, location, at, []);
    const l = readChildren(d, location, at, ["x_pos", "y_pos", "wlan_id", "attractiveness"].map((name) => ({ name, required: true })));
    const leaf = (name: string, rule: NumberRule) => {
      const child = l.get(name)?.[0];
      return child && readLeafNumber(d, child, at.child(`<${name}>`), rule);
    };
    leaf("x_pos", {});
    leaf("y_pos", {});
    wlanId = leaf("wlan_id", { integer: true, javaInt: true, min: 0 });
    // NomadicMobility has one mean dwell time per level: attractiveness_L1..L3 = levels 0..2.
    attractiveness = leaf("attractiveness", { integer: true, min: 0, max: 2 });
  }
  const vms = readHosts(d, c.get("hosts")?.[0], where);
  if (wlanId === undefined || attractiveness === undefined || !vms) return undefined;
  return { index, where, line: el.line, wlanId, attractiveness, vms };
}

/** Exactly one host (EdgeCloudSim's code assumes host id = datacenter index), with ≥ 1 VM that fit it. */
function readHosts(d: Diagnostics, hostsEl: XmlElement | undefined, dcWhere: Where): EdgeCloudSimVm[] | undefined {
  if (!hostsEl) return undefined;
  const where = dcWhere.child("<hosts>");
  readAttributes(d, hostsEl, where, []);
  const hosts = readChildren(d, hostsEl, where, [{ name: "host", required: true, multiple: true }]).get("host") ?? [];
  if (hosts.length > 1) {
    d.error({
      path: where.child("<host>").at(hosts[1]!.line),
      value: hosts.length,
      message: `${hosts.length} hosts in one datacenter; EdgeCloudSim's sample apps assume one (host id = datacenter id), and so does mecbench`,
      fix: "split the hosts into datacenters of their own, each with its own access point",
    });
    return undefined;
  }
  const hostEl = hosts[0];
  if (!hostEl) return undefined;
  const hostWhere = where.child("<host>");
  readAttributes(d, hostEl, hostWhere, []);
  const h = readChildren(d, hostEl, hostWhere, [...Object.keys(MACHINE).map((name) => ({ name, required: true })), { name: "VMs", required: true }]);
  const host = readMachine(d, h, hostWhere);
  const vmsEl = h.get("VMs")?.[0];
  if (!vmsEl) return undefined;
  const vmsWhere = hostWhere.child("<VMs>");
  readAttributes(d, vmsEl, vmsWhere, []);
  const vmEls = readChildren(d, vmsEl, vmsWhere, [{ name: "VM", required: true, multiple: true }]).get("VM") ?? [];
  const vms: EdgeCloudSimVm[] = [];
  vmEls.forEach((vmEl, i) => {
    const vmWhere = vmsWhere.child(`<VM #${i}>`);
    readAttributes(d, vmEl, vmWhere, [{ name: "vmm", required: true }]);
    const vm = readMachine(d, readChildren(d, vmEl, vmWhere, Object.keys(MACHINE).map((name) => ({ name, required: true }))), vmWhere);
    if (vm) vms.push(vm);
  });
  if (vms.length !== vmEls.length || vms.length === 0) return undefined;
  if (host) checkHostFits(d, host, vms, hostWhere.at(hostEl.line));
  return vms;
}

function readMachine(d: Diagnostics, children: Map<string, XmlElement[]>, where: Where): EdgeCloudSimVm | undefined {
  const values: Partial<Record<MachineField, number>> = {};
  for (const field of Object.keys(MACHINE) as MachineField[]) {
    const child = children.get(field)?.[0];
    if (child) values[field] = readLeafNumber(d, child, where.child(`<${field}>`), MACHINE[field]);
  }
  const { core, mips, ram, storage } = values;
  if (core === undefined || mips === undefined || ram === undefined || storage === undefined) return undefined;
  return { cores: core, mips, ramMb: ram, storageMb: storage };
}

/** CloudSim places VMs on the host by PEs, RAM and storage; one that does not fit is never created. */
function checkHostFits(d: Diagnostics, host: EdgeCloudSimVm, vms: readonly EdgeCloudSimVm[], path: string): void {
  const need = (f: (vm: EdgeCloudSimVm) => number) => vms.reduce((s, vm) => s + f(vm), 0);
  const checks: [string, number, number][] = [
    ["cores", need((vm) => vm.cores), host.cores],
    ["MB of RAM", need((vm) => vm.ramMb), host.ramMb],
    ["MB of storage", need((vm) => vm.storageMb), host.storageMb],
  ];
  for (const [what, needed, has] of checks) {
    if (needed > has) {
      d.error({
        path,
        value: `${needed} > ${has}`,
        message: `the host's ${vms.length} VMs need ${needed} ${what}, the host has ${has}; EdgeCloudSim could not create them all and aborts`,
        fix: `raise the host's ${what} or shrink/remove VMs`,
      });
    }
  }
}
