import * as vm from 'node:vm';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dropRedundantNames } = require('../scripts/bundle.js') as {
  dropRedundantNames: (source: string) => string;
};

/**
 * The build blanks out esbuild's `__name(fn, "name")` wrappers where the function has that name
 * without them (scripts/bundle.js): each one is a property definition every time a closure is
 * made. What a function is called must not change, nor where the code stands (the source map).
 */
describe('Dropping the bundle’s redundant __name wrappers', () => {
  // esbuild's helper, as the bundle defines it.
  const HELPER =
    'var __defProp=Object.defineProperty;' +
    'var __name=(target,value)=>__defProp(target,"name",{value,configurable:true});';

  /** The names of the functions the snippet's `out` holds, run before and after the rewrite. */
  function namesOf(snippet: string): { before: unknown; after: unknown; rewritten: string } {
    const rewritten = dropRedundantNames(HELPER + snippet);
    const run = (source: string) => {
      const context: { out?: Record<string, { name: string }> } = {};
      vm.runInNewContext(`${source};this.out=out;`, context);
      return Object.fromEntries(Object.entries(context.out!).map(([k, f]) => [k, f.name]));
    };
    return { before: run(HELPER + snippet), after: run(rewritten), rewritten };
  }

  it('drops the wrapper where the language gives the same name, and the names stay', () => {
    const snippet =
      'var out={};' +
      'var arrow=__name(()=>1,"arrow");out.arrow=arrow;' +
      'var plain=__name(function(){return 2},"plain");out.plain=plain;' +
      'var o={getRequest:__name(()=>this,"getRequest"),"quoted":__name(()=>3,"quoted")};' +
      'out.getRequest=o.getRequest;out.quoted=o.quoted;' +
      'let later;later=__name(()=>4,"later");out.later=later;' +
      'var expr=__name(function piped(){},"piped");out.expr=expr;' +
      'function declared(){}__name(declared,"declared");out.declared=declared;' +
      'out.seq=(0,__name(declared,"declared"),declared);';
    const { before, after, rewritten } = namesOf(snippet);
    expect(after).toEqual(before);
    expect(before).toEqual({
      arrow: 'arrow',
      plain: 'plain',
      getRequest: 'getRequest',
      quoted: 'quoted',
      later: 'later',
      expr: 'piped',
      declared: 'declared',
      seq: 'declared',
    });
    // Only the helper's own definition is left.
    expect(rewritten.slice(HELPER.length)).not.toContain('__name(');
    // Blanked, not removed: every function stays at its columns, as the source map says.
    expect(rewritten).toHaveLength(HELPER.length + snippet.length);
  });

  it('keeps the wrapper wherever it gives a name the function would not have', () => {
    const snippet =
      'var out={};' +
      // esbuild renamed the binding (two modules had a `Transform`): the name is the original.
      'var Transform3=__name(()=>1,"Transform");out.renamed=Transform3;' +
      'function merge2(){}__name(merge2,"merge");out.declaredRenamed=merge2;' +
      // A property key of another name (Babel's classes), and a member, name nothing so.
      'var spec={key:"country",value:__name(function(){},"country")};out.member=spec.value;' +
      'var holder={};holder.run=__name(()=>2,"run");out.assigned=holder.run;' +
      'var named=__name(function inner(){},"outer");out.named=named;';
    const { before, after, rewritten } = namesOf(snippet);
    expect(after).toEqual(before);
    expect(before).toEqual({
      renamed: 'Transform',
      declaredRenamed: 'merge',
      member: 'country',
      assigned: 'run',
      named: 'outer',
    });
    expect(rewritten.slice(HELPER.length).match(/__name\(/g)).toHaveLength(5);
  });
});
