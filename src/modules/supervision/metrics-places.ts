/*
 * Names of the places applicants live in (GB/T 2260 administrative divisions of Zhejiang):
 * cities by their first 4 digits, counties and districts by 6. Used for the towns tree.
 */
const CITIES: Record<string, string> = {
  '3301': '杭州市',
  '3302': '宁波市',
  '3303': '温州市',
  '3304': '嘉兴市',
  '3305': '湖州市',
  '3306': '绍兴市',
  '3307': '金华市',
  '3308': '衢州市',
  '3309': '舟山市',
  '3310': '台州市',
  '3311': '丽水市',
};

const COUNTIES: Record<string, string> = {
  '330102': '上城区',
  '330105': '拱墅区',
  '330106': '西湖区',
  '330108': '滨江区',
  '330109': '萧山区',
  '330110': '余杭区',
  '330203': '海曙区',
  '330205': '江北区',
  '330212': '鄞州区',
  '330302': '鹿城区',
  '330402': '南湖区',
  '330411': '秀洲区',
  '330421': '嘉善县',
  '330502': '吴兴区',
  '330602': '越城区',
  '330681': '诸暨市',
  '330702': '婺城区',
  '330782': '义乌市',
  '330802': '柯城区',
  '330902': '定海区',
  '331002': '椒江区',
  '331102': '莲都区',
};

/** The city (4-digit prefix) name of a division code, or the code. */
export function cityName(code: string): string {
  return CITIES[code.slice(0, 4)] ?? `${code.slice(0, 4)}00`;
}

/** The county or district name of a 6-digit division code, or the code. */
export function countyName(code: string): string {
  return COUNTIES[code] ?? code;
}
