-- wrk: a different search on every request (never in the search page's shared cache), as a client
-- hammering the search box would send. Used by `npm run bench` (the cached article beside searches).
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/search?q=harbour+" .. counter .. "+" .. math.random(1000000000))
end
