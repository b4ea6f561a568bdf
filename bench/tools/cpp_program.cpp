#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>
#include <functional>
#include <set>

struct Shape { virtual ~Shape() = default; virtual double area() const = 0; virtual std::string name() const = 0; };
struct Circle : Shape { double r; explicit Circle(double r) : r(r) {} double area() const override { return 3.14159 * r * r; } std::string name() const override { return "circle"; } };
struct Rect : Shape { double w, h; Rect(double w, double h) : w(w), h(h) {} double area() const override { return w * h; } std::string name() const override { return "rect"; } };

int main(int argc, char **argv) {
  std::vector<std::unique_ptr<Shape>> shapes;
  for (int i = 0; i < 1000; ++i) {
    if (i % 3) shapes.push_back(std::make_unique<Circle>(i * 0.5));
    else shapes.push_back(std::make_unique<Rect>(i, i + 1));
  }
  std::map<std::string, double> byName;
  for (auto &s : shapes) byName[s->name()] += s->area();
  std::unordered_map<int, std::string> names;
  for (int i = 0; i < 500; ++i) names[i] = std::to_string(i * 7);
  std::set<std::string> words;
  std::string text = "the quick brown fox jumps over the lazy dog 42 times and 17 more";
  std::regex word("[a-z]+"), number("[0-9]+");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it) words.insert(it->str());
  int sum = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) sum += std::stoi(it->str());
  std::vector<double> v;
  for (auto &s : shapes) v.push_back(s->area());
  std::sort(v.begin(), v.end(), std::greater<double>());
  std::ostringstream out;
  out.precision(6);
  for (auto &[k, a] : byName) out << k << " " << a << "\n";
  out << words.size() << " words, sum " << sum << ", top " << v[0] << ", names " << names[499] << "\n";
  std::cout << out.str();
  std::cout << "no exceptions\n";
  return 0;
}
