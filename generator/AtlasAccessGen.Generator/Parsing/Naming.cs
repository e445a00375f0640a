using System;
using System.Collections.Generic;
using System.Text;
using AtlasAccessGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// The one naming rule for everything generated from spec names (documented in the README):
    /// split the name into words at every character that is not a letter or digit, and at a lowercase
    /// letter or digit followed by an uppercase one; then start each word with an uppercase letter and
    /// keep the rest as written, except that an all-uppercase word longer than one letter is written
    /// with only its first letter uppercase when the name is an enum value (<c>IN_PROGRESS</c> ->
    /// <c>InProgress</c>). A leading digit gets a '_' prefix; a C# keyword cannot result, since every
    /// name starts uppercase. A name past <see cref="GeneratedNames.MaxSpecNameLength"/> is cut (<see cref="Shorten"/>).
    /// Examples: <c>_id</c> -> <c>Id</c>, <c>atlasAWSAccountArn</c> -> <c>AtlasAWSAccountArn</c>, <c>x-xgen-sha</c> -> <c>XXgenSha</c>.
    /// </summary>
    internal static class Naming
    {
        public static string ToPascalCase(string name) => Convert(name, lowerAllCapsWords: false);

        public static string ToEnumMemberName(string value) => Convert(value, lowerAllCapsWords: true);

        /// <summary><c>groupId</c> -> <c>groupId</c>, <c>Use-Effective-Fields</c> -> <c>useEffectiveFields</c>, <c>IAMRole</c> -> <c>iamRole</c>; keywords get '@'.</summary>
        public static string ToParameterName(string name)
        {
            string pascal = Naming.ToPascalCase(name).TrimStart('_');
            if (pascal.Length == 0 || char.IsDigit(pascal[0]))
            {
                pascal = "P" + pascal;
            }

            int upper = 0;
            while (upper < pascal.Length && char.IsUpper(pascal[upper]))
            {
                upper++;
            }

            // Keep the capital that starts the next word: "IAMRole" -> "iam" + "Role"; but an acronym's plural is one
            // word: "URLs" -> "urls", "IDsToKeep" -> "idsToKeep".
            bool plural = upper > 1 && upper < pascal.Length && pascal[upper] == 's' && (upper + 1 == pascal.Length || !char.IsLower(pascal[upper + 1]));
            int lower = plural ? upper + 1 : upper > 1 && upper < pascal.Length && char.IsLower(pascal[upper]) ? upper - 1 : Math.Max(upper, 1);
            string camel = pascal.Substring(0, lower).ToLowerInvariant() + pascal.Substring(lower);

            // Contextual keywords too (await, from, var...): '@' keeps them identifiers in every context. Not nameof:
            // a parameter of that name breaks nameof(...) however it is spelled, so it is reserved instead.
            bool keyword = SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None
                || SyntaxFacts.GetContextualKeywordKind(camel) is not (SyntaxKind.None or SyntaxKind.NameOfKeyword);
            return keyword ? "@" + camel : camel;
        }

        /// <summary>
        /// Cuts a name longer than <paramref name="maxLength"/> and ends it with '_' and a hash of the whole name, so two
        /// long names that share a start stay apart and the same name is always cut the same way.
        /// </summary>
        public static string Shorten(string name, int maxLength = GeneratedNames.MaxSpecNameLength)
        {
            if (name.Length <= maxLength)
            {
                return name;
            }

            // FNV-1a: string.GetHashCode is randomised per process, and the output must be the same on every build.
            uint hash = 2166136261;
            foreach (char c in name)
            {
                hash = (hash ^ c) * 16777619;
            }

            return name.Substring(0, maxLength - 9) + "_" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string Convert(string name, bool lowerAllCapsWords)
        {
            var result = new StringBuilder(name.Length);
            foreach (string word in SplitWords(name))
            {
                bool allCaps = word.Length > 1 && IsAllUpper(word);
                result.Append(char.ToUpperInvariant(word[0]));
                result.Append(lowerAllCapsWords && allCaps ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
            }

            if (result.Length == 0)
            {
                return "Value";
            }

            if (char.IsDigit(result[0]))
            {
                result.Insert(0, '_');
            }

            return Shorten(result.ToString());
        }

        private static IEnumerable<string> SplitWords(string name)
        {
            var word = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!char.IsLetterOrDigit(c) || c > 127)
                {
                    if (word.Length > 0)
                    {
                        yield return word.ToString();
                        word.Clear();
                    }

                    continue;
                }

                if (word.Length > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    yield return word.ToString();
                    word.Clear();
                }

                word.Append(c);
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
            }
        }

        private static bool IsAllUpper(string word)
        {
            foreach (char c in word)
            {
                if (char.IsLower(c))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Hands out unique names in one scope, suffixing 2, 3, ... on a clash, and cutting those longer than the scope allows.</summary>
    internal sealed class NameScope
    {
        private readonly HashSet<string> _taken;
        private readonly int _maxLength;

        public NameScope(IEnumerable<string>? reserved = null, int maxLength = int.MaxValue)
        {
            _taken = new HashSet<string>(reserved ?? System.Array.Empty<string>(), System.StringComparer.Ordinal);
            _maxLength = maxLength;
        }

        public bool IsTaken(string name) => _taken.Contains(name);

        public string Claim(string name)
        {
            string candidate = Naming.Shorten(name, _maxLength);
            for (int i = 2; !_taken.Add(candidate); i++)
            {
                candidate = Naming.Shorten(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _maxLength);
            }

            return candidate;
        }
    }
}
