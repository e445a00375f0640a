using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace AtlasAccessGen.Generator
{
    /// <summary>
    /// An immutable array that compares by value, so pipeline models that hold one stay equatable
    /// and the incremental driver can cache them (a plain array compares by reference).
    /// </summary>
    public sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        public static ImmutableEquatableArray<T> Empty { get; } = new ImmutableEquatableArray<T>(Array.Empty<T>());

        private readonly T[] _values;

        /// <remarks>One copy whatever the source: Enumerable.ToArray copies an array or collection directly.</remarks>
        public ImmutableEquatableArray(IEnumerable<T> values) => _values = values.ToArray();

        private ImmutableEquatableArray(T[] values) => _values = values;

        public int Count => _values.Length;

        public T this[int index] => _values[index];

        public bool Equals(ImmutableEquatableArray<T>? other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other is null || other._values.Length != _values.Length)
            {
                return false;
            }

            for (int i = 0; i < _values.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(_values[i], other._values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is ImmutableEquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            int hash = 17;
            foreach (T value in _values)
            {
                hash = unchecked((hash * 31) + (value is null ? 0 : value.GetHashCode()));
            }

            return hash;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();
    }

    internal static class ImmutableEquatableArray
    {
        public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> values)
            where T : IEquatable<T> => new ImmutableEquatableArray<T>(values);
    }
}
