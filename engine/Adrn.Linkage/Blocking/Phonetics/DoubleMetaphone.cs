using System.Text;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Blocking.Phonetics;

/// <summary>
/// Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users
/// Journal, June 2000): a primary and an alternate phonetic code for a name, so that e.g.
/// "Smith" (SM0, XMT) and "Schmidt" (XMT, SMT) meet on one code. Written here from the published
/// description of the rules.
/// </summary>
/// <remarks>
/// Letters are upper-cased and accents folded first (Ç and Ñ keep their own rules, as in the
/// original). Codes are cut to <see cref="DefaultMaxLength"/> characters unless another length is
/// asked for. "0" (zero) stands for the "th" sound and "X" for "sh"/"ch". Encoding runs once per
/// record when building blocking keys, not per candidate pair, so it favours clarity over speed.
/// </remarks>
public static class DoubleMetaphone
{
    /// <summary>The code length of the original algorithm and of Apache commons-codec: 4.</summary>
    public const int DefaultMaxLength = 4;

    /// <summary>Encodes a word into its primary and alternate codes, each at most four characters.</summary>
    /// <param name="word">A name or word; case and accents do not matter.</param>
    /// <returns>The codes; both "" for a null or empty word. The alternate equals the primary when the word has a single pronunciation.</returns>
    public static (string Primary, string Alternate) Encode(string word) => Encode(word, DefaultMaxLength);

    /// <summary>Encodes a word into its primary and alternate codes, each at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="word">A name or word; case and accents do not matter.</param>
    /// <param name="maxLength">Longest code to return, at least 1; <see cref="int.MaxValue"/> for the untruncated codes.</param>
    /// <returns>The codes; both "" for a null or empty word.</returns>
    public static (string Primary, string Alternate) Encode(string word, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(word))
        {
            return (string.Empty, string.Empty);
        }

        var state = new Encoder(Prepare(word), maxLength);
        state.Run();
        return (Cut(state.Primary, maxLength), Cut(state.Alternate, maxLength));
    }

    private static string Cut(StringBuilder code, int maxLength)
        => code.Length > maxLength ? code.ToString(0, maxLength) : code.ToString();

    /// <summary>Upper case; accents folded except Ç and Ñ, which have rules of their own.</summary>
    private static string Prepare(string word)
    {
        var builder = new StringBuilder(word.Length + 2);
        foreach (char c in word)
        {
            if (c is 'Ç' or 'ç')
            {
                builder.Append('Ç');
                continue;
            }

            if (c is 'Ñ' or 'ñ')
            {
                builder.Append('Ñ');
                continue;
            }

            string? multi = TextFolding.Fold(c, out char single);
            if (multi is null)
            {
                builder.Append(char.ToUpperInvariant(single));
            }
            else
            {
                builder.Append(multi.ToUpperInvariant());
            }
        }

        return builder.ToString();
    }

    /// <summary>The scan over one word: position, both codes and the helpers of the published rules.</summary>
    private sealed class Encoder
    {
        private readonly string _value;   // the word plus five spaces, so look-ahead never runs off the end
        private readonly int _length;     // length of the word without the padding
        private readonly int _last;
        private readonly int _maxLength;
        private readonly bool _slavoGermanic;
        private readonly bool _germanic;
        private int _current;

        public Encoder(string word, int maxLength)
        {
            _value = word + "     ";
            _length = word.Length;
            _last = _length - 1;
            _maxLength = maxLength;
            _slavoGermanic = word.Contains('W', StringComparison.Ordinal) || word.Contains('K', StringComparison.Ordinal)
                || word.Contains("CZ", StringComparison.Ordinal) || word.Contains("WITZ", StringComparison.Ordinal);
            _germanic = StringAt(0, 4, "VAN ", "VON ") || StringAt(0, 3, "SCH");
        }

        public StringBuilder Primary { get; } = new();

        public StringBuilder Alternate { get; } = new();

        public void Run()
        {
            // Silent first letters: GN, KN, PN, WR, PS.
            if (StringAt(0, 2, "GN", "KN", "PN", "WR", "PS"))
            {
                _current++;
            }

            // Initial X sounds like Z (Xavier), which codes as S.
            if (At(0) == 'X')
            {
                Add("S");
                _current++;
            }

            while ((Primary.Length < _maxLength || Alternate.Length < _maxLength) && _current < _length)
            {
                switch (At(_current))
                {
                    case 'A' or 'E' or 'I' or 'O' or 'U' or 'Y':
                        // Vowels code only at the start, all as A.
                        if (_current == 0)
                        {
                            Add("A");
                        }

                        _current++;
                        break;
                    case 'B':
                        Add("P");
                        _current += At(_current + 1) == 'B' ? 2 : 1;
                        break;
                    case 'Ç':
                        Add("S");
                        _current++;
                        break;
                    case 'C':
                        LetterC();
                        break;
                    case 'D':
                        LetterD();
                        break;
                    case 'F':
                        _current += At(_current + 1) == 'F' ? 2 : 1;
                        Add("F");
                        break;
                    case 'G':
                        LetterG();
                        break;
                    case 'H':
                        // Kept only at the start or between vowels, and only before a vowel.
                        if ((_current == 0 || IsVowel(_current - 1)) && IsVowel(_current + 1))
                        {
                            Add("H");
                            _current += 2;
                        }
                        else
                        {
                            _current++;
                        }

                        break;
                    case 'J':
                        LetterJ();
                        break;
                    case 'K':
                        _current += At(_current + 1) == 'K' ? 2 : 1;
                        Add("K");
                        break;
                    case 'L':
                        LetterL();
                        break;
                    case 'M':
                        // "dumb", "thumb", "plumber": the B after UM is silent.
                        if ((StringAt(_current - 1, 3, "UMB") && (_current + 1 == _last || StringAt(_current + 2, 2, "ER")))
                            || At(_current + 1) == 'M')
                        {
                            _current += 2;
                        }
                        else
                        {
                            _current++;
                        }

                        Add("M");
                        break;
                    case 'N':
                        _current += At(_current + 1) == 'N' ? 2 : 1;
                        Add("N");
                        break;
                    case 'Ñ':
                        _current++;
                        Add("N");
                        break;
                    case 'P':
                        if (At(_current + 1) == 'H')
                        {
                            Add("F");
                            _current += 2;
                            break;
                        }

                        // "Campbell", "raspberry".
                        _current += StringAt(_current + 1, 1, "P", "B") ? 2 : 1;
                        Add("P");
                        break;
                    case 'Q':
                        _current += At(_current + 1) == 'Q' ? 2 : 1;
                        Add("K");
                        break;
                    case 'R':
                        // French final -IER ("Rogier"), but not "Hochmeier".
                        if (_current == _last && !_slavoGermanic && StringAt(_current - 2, 2, "IE") && !StringAt(_current - 4, 2, "ME", "MA"))
                        {
                            Add(string.Empty, "R");
                        }
                        else
                        {
                            Add("R");
                        }

                        _current += At(_current + 1) == 'R' ? 2 : 1;
                        break;
                    case 'S':
                        LetterS();
                        break;
                    case 'T':
                        LetterT();
                        break;
                    case 'V':
                        _current += At(_current + 1) == 'V' ? 2 : 1;
                        Add("F");
                        break;
                    case 'W':
                        LetterW();
                        break;
                    case 'X':
                        // French final -AUX, -EAUX, -OUX are silent ("Breaux").
                        if (!(_current == _last && (StringAt(_current - 3, 3, "IAU", "EAU") || StringAt(_current - 2, 2, "AU", "OU"))))
                        {
                            Add("KS");
                        }

                        _current += StringAt(_current + 1, 1, "C", "X") ? 2 : 1;
                        break;
                    case 'Z':
                        LetterZ();
                        break;
                    default:
                        _current++;
                        break;
                }
            }
        }

        private void LetterC()
        {
            // Germanic -ACH- ("Bacher", "Macher") but not "-ACHI-"/"-ACHE-".
            if (_current > 1 && !IsVowel(_current - 2) && StringAt(_current - 1, 3, "ACH")
                && At(_current + 2) != 'I' && (At(_current + 2) != 'E' || StringAt(_current - 2, 6, "BACHER", "MACHER")))
            {
                Add("K");
                _current += 2;
                return;
            }

            if (_current == 0 && StringAt(_current, 6, "CAESAR"))
            {
                Add("S");
                _current += 2;
                return;
            }

            // Italian "Chianti".
            if (StringAt(_current, 4, "CHIA"))
            {
                Add("K");
                _current += 2;
                return;
            }

            if (StringAt(_current, 2, "CH"))
            {
                LetterCh();
                return;
            }

            // "Czerny", but not "-WICZ".
            if (StringAt(_current, 2, "CZ") && !StringAt(_current - 2, 4, "WICZ"))
            {
                Add("S", "X");
                _current += 2;
                return;
            }

            // "Focaccia".
            if (StringAt(_current + 1, 3, "CIA"))
            {
                Add("X");
                _current += 3;
                return;
            }

            // Double C, but not "McClellan".
            if (StringAt(_current, 2, "CC") && !(_current == 1 && At(0) == 'M'))
            {
                // "Bellocchio" but not "Bacchus".
                if (StringAt(_current + 2, 1, "I", "E", "H") && !StringAt(_current + 2, 2, "HU"))
                {
                    // "Accident", "accede", "succeed" versus Italian "Bacci", "Bertucci".
                    if ((_current == 1 && At(_current - 1) == 'A') || StringAt(_current - 1, 5, "UCCEE", "UCCES"))
                    {
                        Add("KS");
                    }
                    else
                    {
                        Add("X");
                    }

                    _current += 3;
                    return;
                }

                // Pierce's rule.
                Add("K");
                _current += 2;
                return;
            }

            if (StringAt(_current, 2, "CK", "CG", "CQ"))
            {
                Add("K");
                _current += 2;
                return;
            }

            if (StringAt(_current, 2, "CI", "CE", "CY"))
            {
                // Italian versus English.
                if (StringAt(_current, 3, "CIO", "CIE", "CIA"))
                {
                    Add("S", "X");
                }
                else
                {
                    Add("S");
                }

                _current += 2;
                return;
            }

            Add("K");
            // "Mac Caffrey", "Mac Gregor".
            if (StringAt(_current + 1, 2, " C", " Q", " G"))
            {
                _current += 3;
            }
            else if (StringAt(_current + 1, 1, "C", "K", "Q") && !StringAt(_current + 1, 2, "CE", "CI"))
            {
                _current += 2;
            }
            else
            {
                _current++;
            }
        }

        private void LetterCh()
        {
            // "Michael".
            if (_current > 0 && StringAt(_current, 4, "CHAE"))
            {
                Add("K", "X");
                _current += 2;
                return;
            }

            // Greek roots at the start: "chemistry", "chorus", but not "chore".
            if (_current == 0 && (StringAt(_current + 1, 5, "HARAC", "HARIS") || StringAt(_current + 1, 3, "HOR", "HYM", "HIA", "HEM"))
                && !StringAt(0, 5, "CHORE"))
            {
                Add("K");
                _current += 2;
                return;
            }

            // Germanic, Greek or otherwise CH for the KH sound: "architect" (not "arch"),
            // "orchestra", "orchid", "Wachtler", "Wechsler" (not "Tichner").
            if (_germanic
                || StringAt(_current - 2, 6, "ORCHES", "ARCHIT", "ORCHID")
                || StringAt(_current + 2, 1, "T", "S")
                || ((StringAt(_current - 1, 1, "A", "O", "U", "E") || _current == 0)
                    && StringAt(_current + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ")))
            {
                Add("K");
            }
            else if (_current > 0)
            {
                // "McHugh".
                if (StringAt(0, 2, "MC"))
                {
                    Add("K");
                }
                else
                {
                    Add("X", "K");
                }
            }
            else
            {
                Add("X");
            }

            _current += 2;
        }

        private void LetterD()
        {
            if (StringAt(_current, 2, "DG"))
            {
                // "Edge" versus "Edgar".
                if (StringAt(_current + 2, 1, "I", "E", "Y"))
                {
                    Add("J");
                    _current += 3;
                }
                else
                {
                    Add("TK");
                    _current += 2;
                }

                return;
            }

            if (StringAt(_current, 2, "DT", "DD"))
            {
                Add("T");
                _current += 2;
                return;
            }

            Add("T");
            _current++;
        }

        private void LetterG()
        {
            if (At(_current + 1) == 'H')
            {
                LetterGh();
                return;
            }

            if (At(_current + 1) == 'N')
            {
                if (_current == 1 && IsVowel(0) && !_slavoGermanic)
                {
                    Add("KN", "N");
                }
                else if (!StringAt(_current + 2, 2, "EY") && At(_current + 1) != 'Y' && !_slavoGermanic)
                {
                    // Not "Cagney".
                    Add("N", "KN");
                }
                else
                {
                    Add("KN");
                }

                _current += 2;
                return;
            }

            // "Tagliaro".
            if (StringAt(_current + 1, 2, "LI") && !_slavoGermanic)
            {
                Add("KL", "L");
                _current += 2;
                return;
            }

            // -GES-, -GEP-, -GEL-, -GIE- and friends at the start.
            if (_current == 0 && (At(_current + 1) == 'Y'
                || StringAt(_current + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")))
            {
                Add("K", "J");
                _current += 2;
                return;
            }

            // -GER-, -GY-, but not "danger", "ranger", "manger", "-EGER-", "-IGY-", "-RGY-", "-OGY-".
            if ((StringAt(_current + 1, 2, "ER") || At(_current + 1) == 'Y')
                && !StringAt(0, 6, "DANGER", "RANGER", "MANGER")
                && !StringAt(_current - 1, 1, "E", "I")
                && !StringAt(_current - 1, 3, "RGY", "OGY"))
            {
                Add("K", "J");
                _current += 2;
                return;
            }

            // Italian "Biaggi".
            if (StringAt(_current + 1, 1, "E", "I", "Y") || StringAt(_current - 1, 4, "AGGI", "OGGI"))
            {
                if (_germanic || StringAt(_current + 1, 2, "ET"))
                {
                    Add("K");
                }
                else if (StringAt(_current + 1, 4, "IER "))
                {
                    // Always soft with the French ending.
                    Add("J");
                }
                else
                {
                    Add("J", "K");
                }

                _current += 2;
                return;
            }

            _current += At(_current + 1) == 'G' ? 2 : 1;
            Add("K");
        }

        private void LetterGh()
        {
            if (_current > 0 && !IsVowel(_current - 1))
            {
                Add("K");
                _current += 2;
                return;
            }

            // "Ghislane", "Ghiradelli".
            if (_current == 0)
            {
                Add(At(_current + 2) == 'I' ? "J" : "K");
                _current += 2;
                return;
            }

            // Parker's rule: "Hugh", "bough", "broughton".
            if ((_current > 1 && StringAt(_current - 2, 1, "B", "H", "D"))
                || (_current > 2 && StringAt(_current - 3, 1, "B", "H", "D"))
                || (_current > 3 && StringAt(_current - 4, 1, "B", "H")))
            {
                _current += 2;
                return;
            }

            // "Laugh", "McLaughlin", "cough", "gough", "rough", "tough".
            if (_current > 2 && At(_current - 1) == 'U' && StringAt(_current - 3, 1, "C", "G", "L", "R", "T"))
            {
                Add("F");
            }
            else if (_current > 0 && At(_current - 1) != 'I')
            {
                Add("K");
            }

            _current += 2;
        }

        private void LetterJ()
        {
            // Spanish "Jose", "San Jacinto".
            if (StringAt(_current, 4, "JOSE") || StringAt(0, 4, "SAN "))
            {
                if ((_current == 0 && At(_current + 4) == ' ') || StringAt(0, 4, "SAN "))
                {
                    Add("H");
                }
                else
                {
                    Add("J", "H");
                }

                _current++;
                return;
            }

            if (_current == 0 && !StringAt(_current, 4, "JOSE"))
            {
                // "Yankelovich" / "Jankelowicz".
                Add("J", "A");
            }
            else if (IsVowel(_current - 1) && !_slavoGermanic && (At(_current + 1) == 'A' || At(_current + 1) == 'O'))
            {
                // Spanish "bajador".
                Add("J", "H");
            }
            else if (_current == _last)
            {
                Add("J", " ");
            }
            else if (!StringAt(_current + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z") && !StringAt(_current - 1, 1, "S", "K", "L"))
            {
                Add("J");
            }

            _current += At(_current + 1) == 'J' ? 2 : 1;
        }

        private void LetterL()
        {
            if (At(_current + 1) == 'L')
            {
                // Spanish "Cabrillo", "Gallegos": the LL may be silent in the alternate.
                if ((_current == _length - 3 && StringAt(_current - 1, 4, "ILLO", "ILLA", "ALLE"))
                    || ((StringAt(_last - 1, 2, "AS", "OS") || StringAt(_last, 1, "A", "O")) && StringAt(_current - 1, 4, "ALLE")))
                {
                    Add("L", " ");
                    _current += 2;
                    return;
                }

                _current += 2;
            }
            else
            {
                _current++;
            }

            Add("L");
        }

        private void LetterS()
        {
            // "Island", "isle", "Carlisle", "Carlysle".
            if (StringAt(_current - 1, 3, "ISL", "YSL"))
            {
                _current++;
                return;
            }

            // "Sugar".
            if (_current == 0 && StringAt(_current, 5, "SUGAR"))
            {
                Add("X", "S");
                _current++;
                return;
            }

            if (StringAt(_current, 2, "SH"))
            {
                // Germanic "-SHEIM", "-SHOEK", "-SHOLM", "-SHOLZ".
                Add(StringAt(_current + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X");
                _current += 2;
                return;
            }

            // Italian and Armenian "-SIO-", "-SIA-", "-SIAN".
            if (StringAt(_current, 3, "SIO", "SIA") || StringAt(_current, 4, "SIAN"))
            {
                if (!_slavoGermanic)
                {
                    Add("S", "X");
                }
                else
                {
                    Add("S");
                }

                _current += 3;
                return;
            }

            // German and anglicised forms: "Smith" meets "Schmidt", "Snider" meets "Schneider";
            // Slavic -SZ- (although Hungarian says S).
            if ((_current == 0 && StringAt(_current + 1, 1, "M", "N", "L", "W")) || StringAt(_current + 1, 1, "Z"))
            {
                Add("S", "X");
                _current += StringAt(_current + 1, 1, "Z") ? 2 : 1;
                return;
            }

            if (StringAt(_current, 2, "SC"))
            {
                LetterSc();
                return;
            }

            // French "Resnais", "Artois".
            if (_current == _last && StringAt(_current - 2, 2, "AI", "OI"))
            {
                Add(string.Empty, "S");
            }
            else
            {
                Add("S");
            }

            _current += StringAt(_current + 1, 1, "S", "Z") ? 2 : 1;
        }

        private void LetterSc()
        {
            // Schlesinger's rule.
            if (At(_current + 2) == 'H')
            {
                // Dutch "school", "schooner"; "Schermerhorn", "Schenker".
                if (StringAt(_current + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM"))
                {
                    if (StringAt(_current + 3, 2, "ER", "EN"))
                    {
                        Add("X", "SK");
                    }
                    else
                    {
                        Add("SK");
                    }

                    _current += 3;
                    return;
                }

                if (_current == 0 && !IsVowel(3) && At(3) != 'W')
                {
                    Add("X", "S");
                }
                else
                {
                    Add("X");
                }

                _current += 3;
                return;
            }

            Add(StringAt(_current + 2, 1, "I", "E", "Y") ? "S" : "SK");
            _current += 3;
        }

        private void LetterT()
        {
            if (StringAt(_current, 4, "TION") || StringAt(_current, 3, "TIA", "TCH"))
            {
                Add("X");
                _current += 3;
                return;
            }

            if (StringAt(_current, 2, "TH") || StringAt(_current, 3, "TTH"))
            {
                // "Thomas", "Thames", or Germanic.
                if (StringAt(_current + 2, 2, "OM", "AM") || _germanic)
                {
                    Add("T");
                }
                else
                {
                    Add("0", "T");
                }

                _current += 2;
                return;
            }

            _current += StringAt(_current + 1, 1, "T", "D") ? 2 : 1;
            Add("T");
        }

        private void LetterW()
        {
            if (StringAt(_current, 2, "WR"))
            {
                Add("R");
                _current += 2;
                return;
            }

            if (_current == 0 && (IsVowel(_current + 1) || StringAt(_current, 2, "WH")))
            {
                // "Wasserman" meets "Vasserman"; "Uomo" meets "Womo".
                if (IsVowel(_current + 1))
                {
                    Add("A", "F");
                }
                else
                {
                    Add("A");
                }
            }

            // "Arnow" meets "Arnoff"; Polish "-EWSKI".
            if ((_current == _last && IsVowel(_current - 1))
                || StringAt(_current - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY")
                || StringAt(0, 3, "SCH"))
            {
                Add(string.Empty, "F");
                _current++;
                return;
            }

            // Polish "Filipowicz".
            if (StringAt(_current, 4, "WICZ", "WITZ"))
            {
                Add("TS", "FX");
                _current += 4;
                return;
            }

            _current++;
        }

        private void LetterZ()
        {
            // Chinese pinyin "Zhao".
            if (At(_current + 1) == 'H')
            {
                Add("J");
                _current += 2;
                return;
            }

            if (StringAt(_current + 1, 2, "ZO", "ZI", "ZA") || (_slavoGermanic && _current > 0 && At(_current - 1) != 'T'))
            {
                Add("S", "TS");
            }
            else
            {
                Add("S");
            }

            _current += At(_current + 1) == 'Z' ? 2 : 1;
        }

        private char At(int index) => index >= 0 && index < _value.Length ? _value[index] : '\0';

        private bool IsVowel(int index) => index >= 0 && index < _length && At(index) is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y';

        private bool StringAt(int start, int length, params ReadOnlySpan<string> candidates)
        {
            if (start < 0 || start + length > _value.Length)
            {
                return false;
            }

            ReadOnlySpan<char> slice = _value.AsSpan(start, length);
            foreach (string candidate in candidates)
            {
                if (slice.SequenceEqual(candidate))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds the same code to both encodings.</summary>
        private void Add(string code)
        {
            Primary.Append(code);
            Alternate.Append(code);
        }

        /// <summary>Adds different codes; a single space as the alternate means "nothing in the alternate".</summary>
        private void Add(string primary, string alternate)
        {
            Primary.Append(primary);
            if (alternate != " ")
            {
                Alternate.Append(alternate);
            }
        }
    }
}
