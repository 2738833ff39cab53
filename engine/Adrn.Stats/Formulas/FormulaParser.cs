using System.Globalization;

namespace Adrn.Stats.Formulas;

/// <summary>Recursive-descent parser behind <see cref="Formula.Parse"/>.</summary>
internal sealed class FormulaParser
{
    private static readonly string[] Functions = ["log", "exp", "sqrt", "abs"];
    private readonly string _text;
    private readonly List<(string Value, int Position, bool IsName)> _tokens = [];
    private int _next;

    public FormulaParser(string text)
    {
        _text = text;
        Tokenize();
    }

    public Formula Parse()
    {
        if (_tokens.Count == 0) throw Error(0, "the formula is empty; expected e.g. \"y ~ x1 + x2 | firm\".");
        var response = ParseAtom();
        if (response.Kind == FormulaAtomKind.Factor) throw Error(_tokens[0].Position, "the response cannot be a factor.");
        Expect("~");
        var (terms, intercept) = ParseSum(allowIntercept: true);
        var fixedEffects = new List<FixedEffectTerm>();
        var endogenous = new List<FormulaTerm>();
        var instruments = new List<FormulaTerm>();
        var part = 1;
        while (TryTake("|"))
        {
            part++;
            if (endogenous.Count > 0) throw Error(Peek().Position, "nothing may follow the IV part 'endo ~ instruments'.");
            if (LooksLikeIvPart())
            {
                endogenous.AddRange(ParseSum(allowIntercept: false).Terms);
                Expect("~");
                instruments.AddRange(ParseSum(allowIntercept: false).Terms);
            }
            else
            {
                if (part > 2) throw Error(Peek().Position, "only one fixed-effects part is allowed; join fixed effects with '+'.");
                fixedEffects.AddRange(ParseFixedEffects());
            }
        }

        if (_next < _tokens.Count) throw Error(Peek().Position, $"unexpected '{Peek().Value}'.");
        return new Formula(_text, response, terms, intercept, fixedEffects, endogenous, instruments);
    }

    private bool LooksLikeIvPart()
    {
        for (var i = _next; i < _tokens.Count && _tokens[i].Value != "|"; i++)
            if (_tokens[i].Value == "~" && !_tokens[i].IsName) return true;
        return false;
    }

    private List<FixedEffectTerm> ParseFixedEffects()
    {
        var list = new List<FixedEffectTerm>();
        do
        {
            var names = new List<string> { ExpectName("a fixed-effect column") };
            while (TryTake("^")) names.Add(ExpectName("a column to combine with '^'"));
            var term = new FixedEffectTerm(names);
            if (!list.Contains(term)) list.Add(term);
        }
        while (TryTake("+"));
        return list;
    }

    private (List<FormulaTerm> Terms, bool Intercept) ParseSum(bool allowIntercept)
    {
        var terms = new List<FormulaTerm>();
        var intercept = true;
        var sign = "+";
        while (true)
        {
            var token = Peek();
            if (token.Value is "0" or "1" && !token.IsName)
            {
                _next++;
                if (!allowIntercept) throw Error(token.Position, "an intercept marker is not allowed here.");
                intercept = (token.Value == "1") == (sign == "+");
            }
            else
            {
                if (sign == "-") throw Error(token.Position, "only '-1' (no intercept) may be subtracted.");
                foreach (var t in ParseProductTerm())
                    if (!terms.Contains(t)) terms.Add(t);
            }

            if (TryTake("+")) sign = "+";
            else if (TryTake("-")) sign = "-";
            else break;
        }

        return (terms, intercept);
    }

    // a*b*c expands to every non-empty subset interaction, in R's order: a, b, a:b, c, a:c, b:c, a:b:c.
    private List<FormulaTerm> ParseProductTerm()
    {
        var factors = new List<FormulaTerm> { ParseInteraction() };
        while (TryTake("*")) factors.Add(ParseInteraction());
        if (factors.Count == 1) return factors;
        var expanded = new List<FormulaTerm>();
        foreach (var f in factors)
        {
            var current = expanded.ToList();
            expanded.Add(f);
            foreach (var existing in current)
                expanded.Add(new FormulaTerm([.. existing.Atoms, .. f.Atoms]));
        }

        return expanded;
    }

    private FormulaTerm ParseInteraction()
    {
        var atoms = new List<FormulaAtom> { ParseAtom() };
        while (TryTake(":")) atoms.Add(ParseAtom());
        return new FormulaTerm(atoms);
    }

    private FormulaAtom ParseAtom()
    {
        var token = Peek();
        if (!token.IsName) throw Error(token.Position, token.Value.Length == 0 ? "the formula ends too early." : $"expected a column name, found '{token.Value}'.");
        _next++;
        if (!TryTake("(")) return new FormulaAtom(FormulaAtomKind.Variable, token.Value);
        var function = token.Value;
        var argument = ExpectName("a column name inside the parentheses");
        if (function is "i" or "factor")
        {
            string? reference = null;
            if (TryTake(","))
            {
                var key = ExpectName("'ref='");
                if (key != "ref") throw Error(_tokens[_next - 1].Position, $"unknown argument '{key}'; i() accepts only ref=LEVEL.");
                Expect("=");
                reference = ExpectValue();
            }

            Expect(")");
            return new FormulaAtom(FormulaAtomKind.Factor, argument, null, reference);
        }

        if (!Functions.Contains(function))
            throw Error(token.Position, $"unknown function '{function}'; supported: {string.Join(", ", Functions)}, i, factor.");
        Expect(")");
        return new FormulaAtom(FormulaAtomKind.Function, argument, function);
    }

    private string ExpectValue()
    {
        var token = Peek();
        if (token.Value.Length == 0 || (!token.IsName && !char.IsDigit(token.Value[0]) && token.Value[0] != '-'))
            throw Error(token.Position, "expected a level after 'ref='.");
        _next++;
        return token.Value;
    }

    private string ExpectName(string what)
    {
        var token = Peek();
        if (!token.IsName) throw Error(token.Position, $"expected {what}, found '{token.Value}'.");
        _next++;
        return token.Value;
    }

    private void Expect(string symbol)
    {
        var token = Peek();
        if (token.IsName || token.Value != symbol)
            throw Error(token.Position, token.Value.Length == 0 ? $"expected '{symbol}' but the formula ends." : $"expected '{symbol}', found '{token.Value}'.");
        _next++;
    }

    private bool TryTake(string symbol)
    {
        if (_next < _tokens.Count && !_tokens[_next].IsName && _tokens[_next].Value == symbol)
        {
            _next++;
            return true;
        }

        return false;
    }

    private (string Value, int Position, bool IsName) Peek() =>
        _next < _tokens.Count ? _tokens[_next] : (string.Empty, _text.Length, false);

    private FormulaParseException Error(int position, string problem) => new(_text, position, problem);

    private void Tokenize()
    {
        var i = 0;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '`' || c == '"' || c == '\'')
            {
                var end = _text.IndexOf(c, i + 1);
                if (end < 0) throw Error(i, $"the quote {c} is not closed.");
                _tokens.Add((_text[(i + 1)..end], i, true));
                i = end + 1;
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '.')
            {
                var start = i;
                while (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] is '_' or '.')) i++;
                _tokens.Add((_text[start..i], start, true));
                continue;
            }

            if (char.IsDigit(c))
            {
                var start = i;
                while (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] is '.' or '_')) i++;
                var value = _text[start..i];
                // A bare 0 or 1 is an intercept marker; any other number can only be a ref= level.
                var isMarker = value is "0" or "1";
                _tokens.Add((value, start, !isMarker && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? true : !isMarker));
                continue;
            }

            if ("~|+-*:^(),=".Contains(c, StringComparison.Ordinal))
            {
                _tokens.Add((c.ToString(), i, false));
                i++;
                continue;
            }

            throw Error(i, $"unexpected character '{c}'.");
        }
    }
}
