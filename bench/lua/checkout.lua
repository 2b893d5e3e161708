-- Signed-in customers checking out one unit of a random product each, every order with its own
-- Idempotency-Key. Customers are dealt round-robin across wrk threads.
-- wrk -s bench/lua/checkout.lua URL -- TOKENS_FILE PRODUCT_IDS_FILE
count_statuses = true
dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/report.lua")

local customers, products = {}, {}
local next_customer, sequence, run = 0, 0, ""

function init(args)
  for _, line in ipairs(lines_of(args[1])) do
    local token, address, card = line:match("([^,]+),([^,]+),([^,]+)")
    customers[#customers + 1] = { auth = "Bearer " .. token, address = address, card = card }
  end
  products = lines_of(args[2])
  math.randomseed(os.time() + (tid or 0) * 7919)
  run = string.format("%x-%d", os.time(), tid or 0)
  next_customer = (tid or 0) * 97
end

function request()
  next_customer = next_customer % #customers + 1
  sequence = sequence + 1
  local c = customers[next_customer]
  local body = '{"items":[{"productId":"' .. products[math.random(#products)] .. '","quantity":1}],' ..
    '"shippingAddressId":"' .. c.address .. '","billingAddressId":"' .. c.address ..
    '","paymentMethodId":"' .. c.card .. '"}'
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = c.auth,
    ["Idempotency-Key"] = "wrk-" .. run .. "-" .. sequence,
  }, body)
end
