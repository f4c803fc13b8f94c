/**
 * The grammar of the model language as a chevrotain CstParser: grammar only,
 * no actions. Meaning (AST nodes, spans, checks of what the grammar accepts
 * loosely on purpose) lives in visitor.ts. Rules are class fields so a
 * misspelt rule is a compile error.
 *
 * Operator precedence, loosest first, as stanc3's parser declares it:
 *   ?:  (right)  <  ||  <  &&  <  == !=  <  < <= > >=  <  + -
 *   <  * / % .* ./  <  \ %/%  <  prefix - ! +  <  ^ .^ (right; -a^2 = -(a^2))
 *   <  postfix ' , indexing, calls
 */
import { CstParser } from 'chevrotain';
import * as t from './tokens.js';
import { syntaxMessages } from './syntax-messages.js';

export class ModelParser extends CstParser {
  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion):
   * the tests do; the shared instance skips them, which halves start-up time.
   */
  constructor(options: { validate?: boolean } = {}) {
    super(t.allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'none',
      maxLookahead: 2,
      errorMessageProvider: syntaxMessages,
      skipValidations: !options.validate,
    });
    this.performSelfAnalysis();
  }

  // ------------------------------------------------------------ program

  program = this.RULE('program', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.functionsBlock) }, { ALT: () => this.SUBRULE(this.programBlock) }]);
    });
  });

  // ------------------------------------------------------------ functions

  /** `functions { ... }`: definitions and forward declarations (placement checked by the visitor). */
  functionsBlock = this.RULE('functionsBlock', () => {
    this.CONSUME(t.Functions);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.functionDef));
    this.CONSUME(t.RCurly);
  });

  /** `returns name(args) { body }` or `returns name(args);` (a forward declaration). */
  functionDef = this.RULE('functionDef', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Void) }, { ALT: () => this.SUBRULE(this.unsizedType) }]);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.functionArg) });
    this.CONSUME(t.RParen);
    this.OR2([{ ALT: () => this.SUBRULE(this.blockStatement) }, { ALT: () => this.CONSUME(t.Semi) }]);
  });

  functionArg = this.RULE('functionArg', () => {
    this.OPTION(() => this.CONSUME(t.Data));
    this.SUBRULE(this.unsizedType);
    this.CONSUME(t.Identifier);
  });

  /** `array[,] vector`, `real`; the old `real[]` form is parsed so the visitor can name it. */
  unsizedType = this.RULE('unsizedType', () => {
    this.OPTION(() => {
      this.CONSUME(t.Array);
      this.CONSUME(t.LSquare);
      this.MANY(() => this.CONSUME(t.Comma));
      this.CONSUME(t.RSquare);
    });
    this.CONSUME(t.TypeKeyword);
    this.OPTION2(() => {
      this.CONSUME2(t.LSquare);
      this.MANY2(() => this.CONSUME2(t.Comma));
      this.CONSUME2(t.RSquare);
    });
  });

  /** `data { ... }`, `transformed parameters { ... }`, ... (order checked by the visitor). */
  programBlock = this.RULE('programBlock', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Data) },
      {
        ALT: () => {
          this.CONSUME(t.Transformed);
          this.OR2([{ ALT: () => this.CONSUME2(t.Data) }, { ALT: () => this.CONSUME(t.Parameters) }]);
        },
      },
      { ALT: () => this.CONSUME2(t.Parameters) },
      { ALT: () => this.CONSUME(t.Model) },
      {
        ALT: () => {
          this.CONSUME(t.Generated);
          this.CONSUME(t.Quantities);
        },
      },
    ]);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(t.RCurly);
  });

  // ------------------------------------------------------------ statements

  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.blockStatement) },
      { ALT: () => this.SUBRULE(this.declaration) },
      { ALT: () => this.SUBRULE(this.forStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.breakStatement) },
      { ALT: () => this.SUBRULE(this.continueStatement) },
      { ALT: () => this.SUBRULE(this.printStatement) },
      { ALT: () => this.SUBRULE(this.rejectStatement) },
      { ALT: () => this.SUBRULE(this.targetStatement) },
      { ALT: () => this.SUBRULE(this.potentialStatement) },
      { ALT: () => this.SUBRULE(this.returnStatement) },
      { ALT: () => this.SUBRULE(this.profileStatement) },
      { ALT: () => this.SUBRULE(this.emptyStatement) },
      // `{` starts a block here, never an array expression
      { ALT: () => this.SUBRULE(this.expressionStatement), IGNORE_AMBIGUITIES: true },
    ]);
  });

  blockStatement = this.RULE('blockStatement', () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(t.RCurly);
  });

  /** `type name ([old array dims])? (= init)? (, name (= init)?)* ;` */
  declaration = this.RULE('declaration', () => {
    this.SUBRULE(this.typeDecl);
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      // the old array syntax `real y[N];`: parsed so the visitor can name it
      this.CONSUME(t.LSquare);
      this.SUBRULE(this.expressionList);
      this.CONSUME(t.RSquare);
    });
    this.OPTION2(() => {
      this.CONSUME(t.Assign);
      this.SUBRULE(this.expression);
    });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.CONSUME2(t.Identifier);
      this.OPTION3(() => {
        this.CONSUME2(t.Assign);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(t.Semi);
  });

  forStatement = this.RULE('forStatement', () => {
    this.CONSUME(t.For);
    this.CONSUME(t.LParen);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.In);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(t.Colon);
      this.SUBRULE2(this.expression);
    });
    this.CONSUME(t.RParen);
    this.SUBRULE(this.statement);
  });

  whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(t.While);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
    this.SUBRULE(this.statement);
  });

  ifStatement = this.RULE('ifStatement', () => {
    this.CONSUME(t.If);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
    this.SUBRULE(this.statement);
    // greedy: a dangling else belongs to the nearest if
    this.OPTION(() => {
      this.CONSUME(t.Else);
      this.SUBRULE2(this.statement);
    });
  });

  breakStatement = this.RULE('breakStatement', () => {
    this.CONSUME(t.Break);
    this.CONSUME(t.Semi);
  });

  continueStatement = this.RULE('continueStatement', () => {
    this.CONSUME(t.Continue);
    this.CONSUME(t.Semi);
  });

  printStatement = this.RULE('printStatement', () => {
    this.CONSUME(t.Print);
    this.SUBRULE(this.printableList);
    this.CONSUME(t.Semi);
  });

  /** `reject(...)`, and `fatal_error(...)` (named as unsupported by the visitor). */
  rejectStatement = this.RULE('rejectStatement', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Reject) }, { ALT: () => this.CONSUME(t.FatalError) }]);
    this.SUBRULE(this.printableList);
    this.CONSUME(t.Semi);
  });

  printableList = this.RULE('printableList', () => {
    this.CONSUME(t.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.printable) });
    this.CONSUME(t.RParen);
  });

  printable = this.RULE('printable', () => {
    this.OR([{ ALT: () => this.CONSUME(t.StringLiteral) }, { ALT: () => this.SUBRULE(this.expression) }]);
  });

  targetStatement = this.RULE('targetStatement', () => {
    this.CONSUME(t.Target);
    this.CONSUME(t.PlusAssign);
    this.SUBRULE(this.expression);
    this.CONSUME(t.Semi);
  });

  /** Extension: `potential += e;`. */
  potentialStatement = this.RULE('potentialStatement', () => {
    this.CONSUME(t.Potential);
    this.CONSUME(t.PlusAssign);
    this.SUBRULE(this.expression);
    this.CONSUME(t.Semi);
  });

  /** Only meaningful in user-defined functions (the visitor checks where it is). */
  returnStatement = this.RULE('returnStatement', () => {
    this.CONSUME(t.Return);
    this.OPTION(() => this.SUBRULE(this.expression));
    this.CONSUME(t.Semi);
  });

  /** `profile("name") { ... }`: parsed so the visitor can name it as unsupported. */
  profileStatement = this.RULE('profileStatement', () => {
    this.CONSUME(t.Profile);
    this.CONSUME(t.LParen);
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.RParen);
    this.SUBRULE(this.blockStatement);
  });

  emptyStatement = this.RULE('emptyStatement', () => {
    this.CONSUME(t.Semi);
  });

  /**
   * Assignment, `~` or a call statement: all start with an expression; the
   * visitor checks that an assigned expression is a variable with indices.
   */
  expressionStatement = this.RULE('expressionStatement', () => {
    this.SUBRULE(this.expression);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.AssignOp);
          this.SUBRULE2(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Tilde);
          this.CONSUME(t.Identifier);
          this.CONSUME(t.LParen);
          this.OPTION(() => this.SUBRULE(this.callArguments));
          this.CONSUME(t.RParen);
          this.OPTION2(() => this.SUBRULE(this.truncation));
        },
      },
      { ALT: () => {} },
    ]);
    this.CONSUME(t.Semi);
  });

  /** `T[lower, upper]`, either bound optional. */
  truncation = this.RULE('truncation', () => {
    this.CONSUME(t.Truncate);
    this.CONSUME(t.LSquare);
    this.OPTION(() => this.SUBRULE(this.expression, { LABEL: 'lower' }));
    this.CONSUME(t.Comma);
    this.OPTION2(() => this.SUBRULE2(this.expression, { LABEL: 'upper' }));
    this.CONSUME(t.RSquare);
  });

  // ------------------------------------------------------------ types

  /** `array[dims] element`, or just `element`. */
  typeDecl = this.RULE('typeDecl', () => {
    this.OPTION(() => {
      this.CONSUME(t.Array);
      this.CONSUME(t.LSquare);
      this.SUBRULE(this.expressionList);
      this.CONSUME(t.RSquare);
    });
    this.SUBRULE(this.elementType);
  });

  /** `base<constraint>[sizes]`; tuples are parsed only to be named as unsupported. */
  elementType = this.RULE('elementType', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.TypeKeyword);
          this.OPTION(() => this.SUBRULE(this.constraint));
          this.OPTION2(() => {
            this.CONSUME(t.LSquare);
            this.SUBRULE(this.expressionList);
            this.CONSUME(t.RSquare);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Tuple);
          this.CONSUME(t.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.typeDecl) });
          this.CONSUME(t.RParen);
        },
      },
    ]);
  });

  /** `<lower=a, upper=b>`, `<offset=m, multiplier=s>`. */
  constraint = this.RULE('constraint', () => {
    this.CONSUME(t.Less);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.constraintItem) });
    this.CONSUME(t.Greater);
  });

  constraintItem = this.RULE('constraintItem', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Lower) },
      { ALT: () => this.CONSUME(t.Upper) },
      { ALT: () => this.CONSUME(t.Offset) },
      { ALT: () => this.CONSUME(t.Multiplier) },
    ]);
    this.CONSUME(t.Assign);
    // no comparisons at the top: `>` closes the constraint (parenthesise to compare)
    this.SUBRULE(this.additiveExpression);
  });

  // ------------------------------------------------------------ expressions

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpression);
    this.OPTION(() => {
      this.CONSUME(t.Question);
      this.SUBRULE(this.expression);
      this.CONSUME(t.Colon);
      this.SUBRULE2(this.expression);
    });
  });

  orExpression = this.RULE('orExpression', () => {
    this.SUBRULE(this.andExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.Or, { LABEL: 'operators' });
      this.SUBRULE2(this.andExpression, { LABEL: 'operands' });
    });
  });

  andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.equalityExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.And, { LABEL: 'operators' });
      this.SUBRULE2(this.equalityExpression, { LABEL: 'operands' });
    });
  });

  equalityExpression = this.RULE('equalityExpression', () => {
    this.SUBRULE(this.comparisonExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.EqualityOp, { LABEL: 'operators' });
      this.SUBRULE2(this.comparisonExpression, { LABEL: 'operands' });
    });
  });

  comparisonExpression = this.RULE('comparisonExpression', () => {
    this.SUBRULE(this.additiveExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.ComparisonOp, { LABEL: 'operators' });
      this.SUBRULE2(this.additiveExpression, { LABEL: 'operands' });
    });
  });

  additiveExpression = this.RULE('additiveExpression', () => {
    this.SUBRULE(this.multiplicativeExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.AdditiveOp, { LABEL: 'operators' });
      this.SUBRULE2(this.multiplicativeExpression, { LABEL: 'operands' });
    });
  });

  multiplicativeExpression = this.RULE('multiplicativeExpression', () => {
    this.SUBRULE(this.leftDivisionExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.MultiplicativeOp, { LABEL: 'operators' });
      this.SUBRULE2(this.leftDivisionExpression, { LABEL: 'operands' });
    });
  });

  leftDivisionExpression = this.RULE('leftDivisionExpression', () => {
    this.SUBRULE(this.prefixExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.LeftDivideOp, { LABEL: 'operators' });
      this.SUBRULE2(this.prefixExpression, { LABEL: 'operands' });
    });
  });

  prefixExpression = this.RULE('prefixExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.PrefixOp);
          this.SUBRULE(this.prefixExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.powerExpression) },
    ]);
  });

  /** Right associative, and its right operand may carry a sign: `a^-b^c` = a^(-(b^c)). */
  powerExpression = this.RULE('powerExpression', () => {
    this.SUBRULE(this.postfixExpression);
    this.OPTION(() => {
      this.CONSUME(t.PowerOp);
      this.SUBRULE(this.prefixExpression);
    });
  });

  postfixExpression = this.RULE('postfixExpression', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.indexing) }, { ALT: () => this.CONSUME(t.Transpose) }]);
    });
  });

  /** `[i, a:b, :, , idx]`: each position may be empty. */
  indexing = this.RULE('indexing', () => {
    this.CONSUME(t.LSquare);
    this.SUBRULE(this.index);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.index);
    });
    this.CONSUME(t.RSquare);
  });

  index = this.RULE('index', () => {
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.Colon);
            this.OPTION2(() => this.SUBRULE(this.expression, { LABEL: 'upper' }));
          },
        },
        {
          ALT: () => {
            this.SUBRULE2(this.expression, { LABEL: 'lower' });
            this.OPTION3(() => {
              this.CONSUME2(t.Colon);
              this.OPTION4(() => this.SUBRULE3(this.expression, { LABEL: 'upper' }));
            });
          },
        },
      ]);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.IntLiteral) },
      { ALT: () => this.CONSUME(t.RealLiteral) },
      { ALT: () => this.CONSUME(t.ImagLiteral) },
      {
        ALT: () => {
          this.CONSUME(t.Identifier);
          this.OPTION(() => {
            this.CONSUME(t.LParen);
            this.OPTION2(() => this.SUBRULE(this.callArguments));
            this.CONSUME(t.RParen);
          });
        },
      },
      {
        // `target()`: parsed to be named as unsupported
        ALT: () => {
          this.CONSUME(t.Target);
          this.CONSUME2(t.LParen);
          this.CONSUME2(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME3(t.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME3(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LCurly);
          this.SUBRULE(this.expressionList, { LABEL: 'arrayElements' });
          this.CONSUME(t.RCurly);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LSquare);
          this.SUBRULE2(this.expressionList, { LABEL: 'rowElements' });
          this.CONSUME(t.RSquare);
        },
      },
    ]);
  });

  /** `a, b, c`, or the conditional form `y | a, b` (`y |` alone for no parameters). */
  callArguments = this.RULE('callArguments', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(t.Bar);
      this.OPTION2(() => this.SUBRULE2(this.expression, { LABEL: 'afterBar' }));
    });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE3(this.expression);
    });
  });

  expressionList = this.RULE('expressionList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression) });
  });
}

/** Built once and reused: construction runs the grammar analysis (milliseconds). */
export const modelParser = new ModelParser();
